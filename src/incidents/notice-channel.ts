import { Subscription } from './subscription.schema';

/** One notice to deliver: its record's id doubles as the idempotency key of the delivery. */
export interface OutgoingNotice {
  noticeId: string;
  subscription: Subscription;
  text: string;
}

/**
 * A way of reaching a subscriber. `deliver` must be idempotent per `noticeId`: a job retried
 * after a crash between delivering and recording calls it again, and the channel (the chat's
 * message store, the SMS gateway's client reference) makes that a no-op. Channels of issue #16
 * item 4 (WeChat, the SMS webhook) plug in here.
 */
export interface NoticeChannel {
  readonly name: Subscription['channel'];
  deliver(notice: OutgoingNotice): Promise<void>;
}

export const NOTICE_CHANNELS = Symbol('NOTICE_CHANNELS');
