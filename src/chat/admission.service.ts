import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { AddressLimit, AddressLimitsService, AddressVerdict } from './address-limits.service';
import { Bulkhead } from './bulkhead';
import { clientAddress } from './client-address';
import { TokenBucket } from './token-bucket';

/** Where a socket's buckets live: on the socket itself (a socket stays on one instance). */
export interface AdmissionState {
  messages?: TokenBucket;
  starts?: TokenBucket;
  typing?: TokenBucket;
  /** Commands its own buckets refused since the last one they admitted. */
  refusedInRow?: number;
  /** Set once the socket ignored retryAfterSeconds for ABUSE_REFUSALS commands: close it. */
  abusive?: boolean;
}

/**
 * A client that keeps sending this many commands in a row past its socket's limit, ignoring
 * retryAfterSeconds, is disconnected: each refusal still costs parsing and an answer, and a
 * script can send them by the ten thousand a second. The widget sends one message at a time,
 * a person never comes near it; a reconnect is counted by the per-address connection limit.
 */
export const ABUSE_REFUSALS = 100;

/**
 * Typing signals per socket: the widget sends one when typing starts and one when it stops, a
 * few a second at most; each is a broadcast across instances, so a script may not send more.
 */
const TYPING_BURST = 6;
const TYPING_PER_SECOND = 3;

/**
 * Conversation starts in progress at once in one process, and how long one may wait for a
 * place before it is answered RATE_LIMITED: a storm then waits in here, not in the database
 * driver's queue (where /health's ping would wait behind it), and every start is answered
 * within seconds either way.
 */
const STARTS_AT_ONCE = 16;
const STARTS_WAITING = 2000;
const START_WAIT_MS = 3000;

/** What the handshake tells about the client: its peer address and forwarding header. */
export interface HandshakeOrigin {
  address: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Admission control at the customer edge. Per socket (in process): a person typing never meets
 * it, a script flooding one socket gets RATE_LIMITED. Per client address (in Redis, across
 * instances): many sockets from one address cannot do together what one may not. Whatever is
 * refused is refused before anything is stored, with when to retry.
 */
@Injectable()
export class AdmissionService {
  private readonly startsInProgress = new Bulkhead(STARTS_AT_ONCE, STARTS_WAITING, START_WAIT_MS);

  constructor(
    private readonly config: AppConfig,
    private readonly addresses: AddressLimitsService,
  ) {}

  /** The address limits are kept under (X-Forwarded-For only as far as TRUST_PROXY says). */
  addressOf(origin: HandshakeOrigin): string {
    return clientAddress(
      origin.address,
      origin.headers['x-forwarded-for'],
      this.config.TRUST_PROXY,
    );
  }

  async connection(address: string): Promise<void> {
    await this.byAddress('connections', address, 'Too many new connections from this address');
  }

  async message(state: AdmissionState, address: string): Promise<void> {
    state.messages ??= new TokenBucket(
      this.config.CHAT_MESSAGE_BURST,
      this.config.CHAT_MESSAGES_PER_SECOND,
    );
    refuseUnless(
      counted(state, state.messages.take()),
      'Too many messages at once; wait a moment and send again',
    );
    await this.byAddress('messages', address, 'Too many messages from this address; wait a moment');
  }

  /** Typing is metered per socket only: it stores nothing, and costs one broadcast. */
  typing(state: AdmissionState): void {
    state.typing ??= new TokenBucket(TYPING_BURST, TYPING_PER_SECOND);
    refuseUnless(counted(state, state.typing.take()), 'Too many typing signals; slow down');
  }

  async start(state: AdmissionState, address: string): Promise<void> {
    refuseUnless(
      counted(state, this.startsOf(state).take()),
      'Too many new conversations from this connection; wait a moment',
    );
    await this.byAddress('starts', address, 'Too many new conversations from this address');
  }

  /**
   * A resume reads the whole history: it shares the socket's start bucket (a socket resumes
   * once per connection; the connections themselves are limited per address).
   */
  async resume(state: AdmissionState): Promise<void> {
    refuseUnless(
      counted(state, this.startsOf(state).take()),
      'Too many resumes from this connection; wait a moment',
    );
  }

  /** Runs an admitted start when this process has a place for it (see STARTS_AT_ONCE). */
  async starting<T>(start: () => Promise<T>): Promise<T> {
    const done = await this.startsInProgress.run(start);
    if (!done.ok) {
      throw new DomainError('RATE_LIMITED', 'Many conversations are starting; try again shortly', {
        retryAfterSeconds: 1,
      });
    }
    return done.value;
  }

  private startsOf(state: AdmissionState): TokenBucket {
    return (state.starts ??= new TokenBucket(
      this.config.CHAT_START_BURST,
      this.config.CHAT_STARTS_PER_MINUTE / 60,
    ));
  }

  private async byAddress(limit: AddressLimit, address: string, message: string): Promise<void> {
    refuseUnless(await this.addresses.take(limit, address), message);
  }
}

function counted(state: AdmissionState, verdict: AddressVerdict): AddressVerdict {
  state.refusedInRow = verdict.ok ? 0 : (state.refusedInRow ?? 0) + 1;
  if (state.refusedInRow >= ABUSE_REFUSALS) state.abusive = true;
  return verdict;
}

function refuseUnless(verdict: AddressVerdict, message: string): void {
  if (!verdict.ok) {
    throw new DomainError('RATE_LIMITED', message, {
      retryAfterSeconds: Math.max(1, verdict.retryAfterSeconds),
    });
  }
}
