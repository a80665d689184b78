import { Injectable, Logger } from '@nestjs/common';
import { CallbacksRepository } from './callbacks.repository';
import { recountedCallbacks } from './callback-recount.policy';
import { IncidentUpdatesService } from './incident-updates.service';
import { IncidentsRepository } from './incidents.repository';

/** Open incidents recounted per run (newest first). */
const BATCH = 200;

/**
 * How long an incident's callbacks must have been still before its count is corrected: far
 * longer than the moment between a callback's write and the incident's `$inc`, with room for a
 * slow store and the instances' clocks.
 */
export const RECOUNT_QUIET_MS = 30_000;

/**
 * Heals `callbacksPending`: a callback's write and the incident's `$inc` are two writes (the
 * local store has no transactions), so a crash or a failed `$inc` between them leaves the count
 * wrong. Run by the incidents' repair job (IncidentRepairsService), once per tick in the cluster;
 * idempotent, and safe beside live `$inc`s (see setCallbacksCount and recountedCallbacks).
 */
@Injectable()
export class CallbackRecountService {
  private readonly logger = new Logger(CallbackRecountService.name);

  constructor(
    private readonly incidents: IncidentsRepository,
    private readonly callbacks: CallbacksRepository,
    private readonly updates: IncidentUpdatesService,
  ) {}

  /** Corrects the open incidents' counts that are wrong; returns how many it corrected. */
  async run(now = new Date()): Promise<number> {
    // The counters are read before the callbacks are counted: a request or close after this
    // read is either seen as recent by the tally or moves the counter off the value read.
    const open = await this.incidents.listOpen(BATCH);
    const quietSince = new Date(now.getTime() - RECOUNT_QUIET_MS);
    const tallies = await this.callbacks.tallyOpen(
      open.map((i) => i._id),
      quietSince,
    );
    let corrected = 0;
    for (const incident of open) {
      const count = recountedCallbacks(
        incident.callbacksPending,
        tallies.get(incident._id),
        quietSince,
      );
      if (count === undefined) continue;
      const fixed = await this.incidents.setCallbacksCount(
        incident._id,
        incident.callbacksPending,
        count,
      );
      if (!fixed) continue;
      corrected++;
      this.updates.told(fixed);
    }
    if (corrected > 0) this.logger.warn(`corrected the callbacks count of ${corrected} incidents`);
    return corrected;
  }
}
