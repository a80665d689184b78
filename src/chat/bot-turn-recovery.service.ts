import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConversationTurnsService } from '../conversations/conversation-turns.service';
import { MessagesService } from '../conversations/messages.service';
import { ClusterJobsService } from '../jobs/cluster-jobs.service';
import { BotTurnsService } from './bot-turns.service';

/** A message younger than this may still have its turn running: left alone. */
const SETTLE_MS = 10_000;
const EVERY_MS = 15_000;
const BATCH = 100;

/**
 * Answers customer messages whose bot turn never completed: the process died between the ack
 * and the turn's state write (a crash, a deploy), or the turn failed. Each stored customer
 * message is marked as awaiting with the write that numbers it and unmarked by its turn's
 * state write, so what is left marked here is exactly what went unanswered.
 *
 * A cluster job (one run every 15 s somewhere in the cluster), and safe even when a rerun after
 * a crash overlaps another: a message is answered only if no reply with its derived id exists, the turn's state write is guarded by the dialogue version, and replies are refused
 * twice by their ids, so a message recovered by two instances is still answered once.
 */
@Injectable()
export class BotTurnRecovery implements OnApplicationBootstrap {
  private readonly logger = new Logger(BotTurnRecovery.name);
  private running = false;

  constructor(
    private readonly turns: ConversationTurnsService,
    private readonly messages: MessagesService,
    private readonly botTurns: BotTurnsService,
    private readonly jobs: ClusterJobsService,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.every('bot-turn-recovery', EVERY_MS, () => this.runQuietly());
  }

  private async runQuietly(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const answered = await this.run();
      if (answered > 0) this.logger.warn(`answered ${answered} customer messages left unanswered`);
    } catch (error) {
      this.logger.warn(`bot turn recovery not done: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  /** One pass; returns how many turns it ran. */
  async run(now = new Date()): Promise<number> {
    const stuck = await this.turns.listAwaiting(new Date(now.getTime() - SETTLE_MS), BATCH);
    let answered = 0;
    for (const conversation of stuck) {
      const ids = conversation.awaitingTurns.map((a) => a.clientMessageId);
      // People have the conversation: its messages went to them, the bot answers none.
      if (conversation.status !== 'bot') {
        await this.turns.settleAwaiting(conversation._id, ids);
        continue;
      }
      for (const clientMessageId of ids) {
        const id = conversation._id;
        // Its replies stored but the process died before the ticket it decided on: redo that.
        const handoffLeft =
          conversation.lastTurn?.forMessage === clientMessageId && !!conversation.lastTurn.escalate;
        const reply = handoffLeft
          ? null
          : await this.messages.findByClientId(id, `bot#${clientMessageId}#0`);
        const message = reply ? null : await this.messages.findByClientId(id, clientMessageId);
        if (!message) {
          // Answered already, or never stored (the insert failed after the mark).
          await this.turns.settleAwaiting(id, [clientMessageId]);
          continue;
        }
        const { original } = await this.messages.original(id, message._id);
        await this.botTurns.run(id, original ?? message.text, clientMessageId);
        answered++;
      }
    }
    return answered;
  }
}
