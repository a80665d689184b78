import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  ConversationAnonymisedEvent,
  ConversationEvents,
  ConversationUpdatedEvent,
  MessageCreatedEvent,
} from '../../conversations/conversation.events';
import { toConversationView } from '../../conversations/conversation.views';
import { ConversationsService } from '../../conversations/conversations.service';
import { PersonalRefService } from '../../conversations/personal-ref.service';
import { TicketEvent, TicketEvents, TicketQueuedEvent } from '../../tickets/ticket.events';
import {
  conversationTerms,
  isSearchable,
  messageTerms,
  queuedTicketTerms,
} from './conversation-terms';
import { SearchCatchUpService } from './search-catch-up.service';
import { SearchCopyService } from './search-copy.service';
import { facet, Outcome } from './search-terms';
import { changingFieldsOf } from './summary-document';
import { SummaryChange, TranscriptSummariesService } from './transcript-summaries.service';

/** How long new lines and terms wait to be written together. */
const FLUSH_MS = 200;

/**
 * Keeps the transcript search up to date from domain events. It only listens: it reads a
 * conversation by id when it first sees it and writes nothing but the search's summaries.
 */
@Injectable()
export class SearchIndexerListener implements OnApplicationShutdown {
  private readonly logger = new Logger(SearchIndexerListener.name);
  private pending = new Map<string, SummaryChange>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly summaries: TranscriptSummariesService,
    private readonly copy: SearchCopyService,
    private readonly conversations: ConversationsService,
    private readonly refs: PersonalRefService,
    private readonly catchUp: SearchCatchUpService,
  ) {}

  /** Retention: the customer's name leaves the search index with the rest of their personal data. */
  @OnEvent(ConversationEvents.conversationAnonymised)
  async onAnonymised({ conversationId }: ConversationAnonymisedEvent): Promise<void> {
    await this.quietly(conversationId, () => this.summaries.forgetCustomer(conversationId));
  }

  @OnEvent(ConversationEvents.messageCreated)
  async onMessage({ message, accountRefs }: MessageCreatedEvent): Promise<void> {
    if (message.internal) return;
    const id = message.conversationId;
    await this.quietly(id, async () => {
      if (!(await this.copy.exists(id))) {
        const conversation = toConversationView(await this.conversations.get(id));
        await this.summaries.upsertConversation(conversation, conversationTerms(conversation));
      }
      const change = this.pending.get(id) ?? { lines: [], terms: [] };
      if (isSearchable(message)) change.lines.push(message);
      change.terms.push(...messageTerms(message, accountRefs));
      this.pending.set(id, change);
      this.flushSoon();
    });
  }

  /**
   * Message lines and terms wait up to FLUSH_MS and are written together, one bulk write for
   * everything gathered: the search is derived data, so a crash that loses a window costs only
   * the catch-up's rebuild of those conversations from their records, never a message.
   */
  private flushSoon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  /** One batch at a time, so that a conversation's later status is never written first. */
  flush(): Promise<void> {
    this.timer = undefined;
    this.flushing = this.flushing.then(() => this.flushNow());
    return this.flushing;
  }

  private async flushNow(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.summaries.updateMany(batch);
    } catch (error) {
      this.logger.warn(`search index not updated: ${(error as Error).message}`);
      for (const id of batch.keys()) void this.catchUp.markDirty(id);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.flush();
  }

  @OnEvent(ConversationEvents.conversationUpdated)
  onConversation({ conversation }: ConversationUpdatedEvent): void {
    // A conversation is first summarised (and its facets indexed) with its first message; a
    // status change goes with the next batch (the latest one heard wins) and refreshes a
    // summary that exists, whichever instance wrote it.
    const change = this.pending.get(conversation.id) ?? { lines: [], terms: [] };
    change.fields = changingFieldsOf(conversation);
    this.pending.set(conversation.id, change);
    this.flushSoon();
  }

  @OnEvent(TicketEvents.queued)
  async onQueued({ ticket, origin }: TicketQueuedEvent): Promise<void> {
    if (origin !== 'opened') return;
    const terms = queuedTicketTerms(ticket, (n) => this.refs.of(n));
    await this.quietly(ticket.conversationId, () =>
      this.summaries.update(ticket.conversationId, { terms }),
    );
  }

  @OnEvent(TicketEvents.assigned)
  async onAssigned({ ticket }: TicketEvent): Promise<void> {
    if (!ticket.agentId) return;
    const terms = [facet.agent(ticket.agentId)];
    await this.quietly(ticket.conversationId, () =>
      this.summaries.update(ticket.conversationId, { terms }),
    );
  }

  @OnEvent(TicketEvents.resolved)
  async onResolved({ ticket }: TicketEvent): Promise<void> {
    await this.outcome(ticket.conversationId, 'resolved');
  }

  @OnEvent(TicketEvents.abandoned)
  async onAbandoned({ ticket }: TicketEvent): Promise<void> {
    await this.outcome(ticket.conversationId, 'abandoned');
  }

  @OnEvent(TicketEvents.rated)
  async onRated({ ticket }: TicketEvent): Promise<void> {
    const stars = ticket.rating?.agent;
    if (stars === undefined) return;
    const terms = [facet.rating(stars)];
    await this.quietly(ticket.conversationId, () =>
      this.summaries.update(ticket.conversationId, { terms }),
    );
  }

  private async outcome(conversationId: string, outcome: Outcome): Promise<void> {
    // A ticket opened before the index existed still counts as escalated.
    const terms = [facet.outcome(outcome), facet.outcome('escalated')];
    await this.quietly(conversationId, () => this.summaries.update(conversationId, { terms }));
  }

  /**
   * Indexing happens after the fact: a failure is logged, never thrown into the emitter, and
   * the conversation is rebuilt from its records by the catch-up.
   */
  private async quietly(conversationId: string, task: () => Promise<unknown>): Promise<void> {
    try {
      await task();
    } catch (error) {
      this.logger.warn(`search index not updated: ${(error as Error).message}`);
      void this.catchUp.markDirty(conversationId);
    }
  }
}
