import { Injectable } from '@nestjs/common';
import { ConversationView, MessageView } from '../../conversations/conversation.views';
import { SearchCopyService } from './search-copy.service';
import {
  deltaOps,
  forgetOps,
  LINES_KEPT,
  lineOf,
  OwnFields,
  ownFieldsOf,
  SummaryDelta,
  withoutPersonal,
} from './summary-document';
import { TranscriptSummariesRepository } from './transcript-summaries.repository';

export interface SummaryChange {
  lines: MessageView[];
  terms: string[];
  /** A status change (the latest heard). */
  fields?: Partial<OwnFields>;
}

/**
 * Writes the transcript search's summaries to `transcript_summaries` with atomic operators, so
 * concurrent writes of two instances merge; each stored write goes to this instance's copy and
 * to the others' (SearchCopyService). Written only from domain events (SearchIndexerListener)
 * and the catch-up (SearchCatchUpService).
 */
@Injectable()
export class TranscriptSummariesService {
  constructor(
    private readonly repository: TranscriptSummariesRepository,
    private readonly copy: SearchCopyService,
  ) {}

  /** Drops this instance's copy and reads it again (tests that empty the database). */
  reload(): Promise<void> {
    return this.copy.reload();
  }

  /** Creates the summary, or refreshes its own fields, and adds `terms`. */
  async upsertConversation(view: ConversationView, terms: readonly string[] = []): Promise<void> {
    const delta: SummaryDelta = { fields: ownFieldsOf(view), terms: [...terms] };
    await this.repository.write(deltaOps(view.id, delta, new Date(), true));
    await this.copy.applied([[view.id, [delta]]]);
  }

  /** Adds a line and terms to a summary that exists. */
  async update(
    conversationId: string,
    change: { line?: MessageView; terms: Iterable<string> },
  ): Promise<void> {
    await this.updateMany(
      new Map([
        [conversationId, { lines: change.line ? [change.line] : [], terms: [...change.terms] }],
      ]),
    );
  }

  /**
   * Many conversations' new lines and terms in one round trip: the listener gathers what a
   * short window of messages added (a customer's message and the bot's replies usually fall
   * into one), so search costs a fraction of a write per message. What this copy already has
   * is not written again.
   */
  async updateMany(changes: ReadonlyMap<string, SummaryChange>): Promise<void> {
    const now = new Date();
    const deltas: [string, SummaryDelta][] = [];
    for (const [id, change] of changes) {
      const delta = this.newIn(id, change);
      if (delta) deltas.push([id, delta]);
    }
    if (deltas.length === 0) return;
    try {
      await this.repository.write(deltas.flatMap(([id, delta]) => deltaOps(id, delta, now)));
    } catch (error) {
      // Some may have been stored: every copy reads them back.
      await this.copy.unsure(deltas.map(([id]) => id));
      throw error;
    }
    await this.copy.applied(deltas.map(([id, delta]) => [id, [delta]]));
  }

  private newIn(id: string, change: SummaryChange): SummaryDelta | undefined {
    const current = this.copy.get(id);
    const known = new Set(this.copy.termsOf(id));
    const terms = [...new Set(change.terms)].filter((t) => !known.has(t));
    const seen = new Set(current?.lines.map((l) => l.seq));
    // With LINES_KEPT lines stored, a later line would be trimmed away at once.
    const full =
      current && current.lines.length >= LINES_KEPT ? current.lines[LINES_KEPT - 1].seq : Infinity;
    const lines = change.lines.filter((m) => !seen.has(m.seq) && m.seq < full).map(lineOf);
    const fields = change.fields;
    if (terms.length === 0 && lines.length === 0 && !fields) return undefined;
    return { terms, lines, ...(fields && { fields }) };
  }

  /**
   * Rewrites a conversation's summary from its records (the catch-up): fields, lines and terms
   * merged into what is stored, except that an anonymised conversation loses every facet that
   * leads to its customer.
   */
  async rebuild(
    conversationId: string,
    read: () => Promise<{
      view: ConversationView;
      messages: readonly MessageView[];
      terms: readonly string[];
      anonymised: boolean;
    }>,
  ): Promise<void> {
    const { view, messages, terms, anonymised } = await read();
    const now = new Date();
    const delta: SummaryDelta = {
      fields: ownFieldsOf(view),
      lines: [...messages]
        .sort((a, b) => a.seq - b.seq)
        .slice(0, LINES_KEPT)
        .map(lineOf),
      terms: anonymised ? withoutPersonal(terms, conversationId) : [...terms],
    };
    const ops = [
      ...(anonymised ? forgetOps(conversationId, now) : []),
      ...deltaOps(conversationId, delta, now, true),
    ];
    await this.repository.write(ops, true);
    await this.copy.applied([[conversationId, anonymised ? ['forget', delta] : [delta]]]);
  }

  /**
   * Retention: the summary keeps its (masked) lines but loses the customer's name and the facets
   * that lead to the customer (name, account numbers).
   */
  async forgetCustomer(conversationId: string): Promise<void> {
    await this.repository.write(forgetOps(conversationId, new Date()));
    await this.copy.applied([[conversationId, ['forget']]]);
  }

  caughtUpUntil(): Promise<Date | undefined> {
    return this.repository.caughtUpUntil();
  }

  markCaughtUp(until: Date): Promise<void> {
    return this.repository.markCaughtUp(until);
  }
}
