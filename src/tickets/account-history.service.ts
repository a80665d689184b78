import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { PersonalRefService } from '../conversations/personal-ref.service';
import { ACCOUNT_HISTORY_LIMIT, AccountHistory } from './account-history.schema';
import { TicketDocument } from './ticket.schema';
import { TicketsRepository } from './tickets.repository';

/**
 * Which conversations a verified account had with the desk: written when a handoff opens, read
 * by the agent's customer panel. Two reads by `_id` (the history, then its tickets by `$in`),
 * whatever the size of the tickets collection. Every write is one atomic `$push` with `$slice`,
 * so instances opening tickets of one account at once each add their entry.
 */
@Injectable()
export class AccountHistoryService {
  private readonly logger = new Logger(AccountHistoryService.name);

  constructor(
    @InjectModel(AccountHistory.name) private readonly histories: Model<AccountHistory>,
    private readonly tickets: TicketsRepository,
    private readonly refs: PersonalRefService,
  ) {}

  /**
   * Notes a handoff of a verified account. At least once: a retried escalation may add the
   * ticket again, and `earlier` counts it once. A failure here never fails the handoff.
   */
  async record(account: string, ticket: TicketDocument): Promise<void> {
    const entry = { ticketId: ticket._id, conversationId: ticket.conversationId, at: new Date() };
    await this.histories
      .updateOne(
        { _id: this.refs.of(account) },
        { $push: { entries: { $each: [entry], $slice: -ACCOUNT_HISTORY_LIMIT } } },
        { upsert: true },
      )
      .catch((error: Error) =>
        this.logger.warn(`account history of ticket ${ticket.id as string}: ${error.message}`),
      );
  }

  /** The account's tickets from other conversations than `current`, newest first. */
  async earlier(account: string, current: Types.ObjectId): Promise<TicketDocument[]> {
    const history = await this.histories.findById(this.refs.of(account)).lean();
    const ids = new Map<string, Types.ObjectId>();
    for (const e of history?.entries ?? []) {
      if (!e.conversationId.equals(current)) ids.set(e.ticketId.toHexString(), e.ticketId);
    }
    if (ids.size === 0) return [];
    const found = await this.tickets.findByIds([...ids.values()]);
    return found.sort(
      (a, b) =>
        b.queuedAt.getTime() - a.queuedAt.getTime() ||
        b._id.toHexString().localeCompare(a._id.toHexString()),
    );
  }

  /** Retention: the anonymised conversation leaves the histories of its accounts. */
  async forget(accounts: string[], conversationId: Types.ObjectId): Promise<void> {
    const refs = [...new Set(accounts)].map((a) => this.refs.of(a));
    if (refs.length === 0) return;
    await this.histories.updateMany(
      { _id: { $in: refs } },
      { $pull: { entries: { conversationId } } },
    );
  }
}
