import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { TokenBucket } from './token-bucket';

/** Where a socket's buckets live: on the socket itself (a socket stays on one instance). */
export interface AdmissionState {
  messages?: TokenBucket;
  starts?: TokenBucket;
}

/**
 * Admission control at the customer edge, per socket: a person typing never meets it, a
 * script flooding one socket gets RATE_LIMITED (with when to retry) and nothing is stored for
 * the refused command, so one customer cannot slow another's replies.
 */
@Injectable()
export class AdmissionService {
  constructor(private readonly config: AppConfig) {}

  message(state: AdmissionState): void {
    state.messages ??= new TokenBucket(
      this.config.CHAT_MESSAGE_BURST,
      this.config.CHAT_MESSAGES_PER_SECOND,
    );
    refuseUnless(state.messages, 'Too many messages at once; wait a moment and send again');
  }

  start(state: AdmissionState): void {
    state.starts ??= new TokenBucket(
      this.config.CHAT_START_BURST,
      this.config.CHAT_STARTS_PER_MINUTE / 60,
    );
    refuseUnless(state.starts, 'Too many new conversations from this connection; wait a moment');
  }
}

function refuseUnless(bucket: TokenBucket, message: string): void {
  const taken = bucket.take();
  if (!taken.ok) {
    throw new DomainError('RATE_LIMITED', message, { retryAfterSeconds: taken.retryAfterSeconds });
  }
}
