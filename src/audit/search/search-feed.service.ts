import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { RedisService } from '../../common/redis.service';

/** Under the shared prefix: `<QUEUE_PREFIX>:search:summaries`. */
const CHANNEL = 'search:summaries';
/** Ids kept for the next notice while Redis refuses (a longer outage is left to the look). */
const UNSENT_MAX = 10_000;
const ID_MAX_CHARS = 64;

export interface FeedNotice {
  from: string;
  ids: string[];
}

/** Reads a notice off the channel; anything malformed is dropped (null). */
export function parseNotice(raw: string): FeedNotice | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { from, ids } = value as { from?: unknown; ids?: unknown };
  if (typeof from !== 'string' || !Array.isArray(ids)) return null;
  const valid = ids.filter(
    (id): id is string => typeof id === 'string' && id.length > 0 && id.length <= ID_MAX_CHARS,
  );
  return { from, ids: valid };
}

/**
 * Tells every instance which summaries a write changed, over Redis pub/sub: each receiver reads
 * those summaries back by `_id: {$in}` (an index lookup even on mongo-java-server) into its own
 * copy. Why pub/sub and not a stream: a notice carries nothing the store does not have, so a
 * lost one (a subscriber reconnecting, Redis losing its last second) only delays a copy, and
 * every instance finds those by comparing the stored `rev`s of recently changed summaries with
 * its own (at start, on each resubscription and every 30 s, TranscriptSummariesService). A
 * stream would add a read position per instance, trimming, and ids that go backwards after
 * Redis loses data, for a case the look covers anyway.
 */
@Injectable()
export class SearchFeedService {
  private readonly logger = new Logger(SearchFeedService.name);
  /** This process: it skips its own notices (its copy already has its writes). */
  readonly instance = randomUUID();
  private unsent = new Set<string>();
  private receive?: (raw: string) => void;

  constructor(private readonly redis: RedisService) {}

  /**
   * `onIds` hears other instances' changes; `onGap` that some may have been missed (the
   * subscription came back). Call again after a failure: the handlers are kept once.
   */
  async listen(onIds: (ids: string[]) => void, onGap: () => void): Promise<void> {
    if (!this.receive) {
      this.receive = (raw: string) => {
        const notice = parseNotice(raw);
        if (notice && notice.from !== this.instance && notice.ids.length > 0) onIds(notice.ids);
      };
      this.redis.onResubscribed(onGap);
    }
    await this.redis.subscribe(CHANNEL, this.receive);
  }

  /** Never throws: a notice that cannot be sent now goes with the next one. */
  async announce(ids: Iterable<string>): Promise<void> {
    const all = new Set([...this.unsent, ...ids]);
    if (all.size === 0) return;
    this.unsent = new Set();
    const notice: FeedNotice = { from: this.instance, ids: [...all] };
    try {
      await this.redis.publish(CHANNEL, JSON.stringify(notice));
    } catch (error) {
      this.logger.warn(`search change notice not sent: ${(error as Error).message}`);
      for (const id of all) if (this.unsent.size < UNSENT_MAX) this.unsent.add(id);
    }
  }
}
