export const NOTICES_QUEUE = 'incident-notices';

/** Bull job names: each is derived from MongoDB and safe to run twice. */
export const NoticeJobs = {
  /** One incident event (an ETA change, the restoration) fans out to its subscribers. */
  fanout: 'fanout',
  /** One notice to one subscriber. */
  deliver: 'deliver',
} as const;

export type NoticeEventName = 'eta' | 'restored' | 'planned';

/**
 * One event to notify. `incidentId` is the feed subscribed to: an incident, or a district's
 * planned outages (`planned:<districtCode>`, with the outage's number as `key`).
 */
export interface NoticeEventJob {
  incidentId: string;
  event: NoticeEventName;
  n: number;
  key?: string;
}

/** What a notice is about, in its ids: the planned outage's number, or the event's n. */
export function eventKeyOf(job: NoticeEventJob): string {
  return `${job.event}:${job.key ?? job.n}`;
}

/** The feed of a district's planned outages, subscribed to like an incident. */
export function plannedFeedOf(districtCode: string): string {
  return `planned:${districtCode}`;
}

export interface DeliverJob extends NoticeEventJob {
  subscriptionId: string;
}
