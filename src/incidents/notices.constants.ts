export const NOTICES_QUEUE = 'incident-notices';

/** Bull job names: each is derived from MongoDB and safe to run twice. */
export const NoticeJobs = {
  /** One incident event (an ETA change, the restoration) fans out to its subscribers. */
  fanout: 'fanout',
  /** One notice to one subscriber. */
  deliver: 'deliver',
} as const;

export interface NoticeEventJob {
  incidentId: string;
  event: 'eta' | 'restored';
  n: number;
}

export interface DeliverJob extends NoticeEventJob {
  subscriptionId: string;
}
