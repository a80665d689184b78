import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  ConversationAnonymisedEvent,
  ConversationEvents,
  ConversationUpdatedEvent,
  MessageCreatedEvent,
} from '../../conversations/conversation.events';
import { toConversationView } from '../../conversations/conversation.views';
import { ConversationsService } from '../../conversations/conversations.service';
import { TicketEvent, TicketEvents, TicketQueuedEvent } from '../../tickets/ticket.events';
import { cardAccountNumbers, districtCodes, facet, Outcome, textTerms } from './search-terms';
import { TranscriptSummariesService } from './transcript-summaries.service';

/** Senders whose words are searchable; system notes are the service's own boilerplate. */
const SEARCHABLE = new Set(['customer', 'bot', 'agent']);

/**
 * Keeps the transcript search up to date from domain events. It only listens: it reads a
 * conversation by id when it first sees it and writes nothing but the search collections.
 */
@Injectable()
export class SearchIndexerListener {
  private readonly logger = new Logger(SearchIndexerListener.name);

  constructor(
    private readonly summaries: TranscriptSummariesService,
    private readonly conversations: ConversationsService,
  ) {}

  /** Retention: the customer's name leaves the search index with the rest of their personal data. */
  @OnEvent(ConversationEvents.conversationAnonymised)
  async onAnonymised({ conversationId }: ConversationAnonymisedEvent): Promise<void> {
    await this.quietly(() => this.summaries.forgetCustomer(conversationId));
  }

  @OnEvent(ConversationEvents.messageCreated)
  async onMessage({ message }: MessageCreatedEvent): Promise<void> {
    // Internal notes are for colleagues, never part of what a search shows.
    if (message.internal) return;
    await this.quietly(async () => {
      const id = message.conversationId;
      if (!(await this.summaries.exists(id))) {
        const conversation = toConversationView(await this.conversations.get(id));
        const base = [facet.customer(id), facet.channel(conversation.channel)];
        if (conversation.customerName) base.push(facet.customer(conversation.customerName));
        await this.summaries.upsertConversation(conversation, base);
      }
      const terms = new Set<string>();
      // The welcome is the same in every conversation: its words would match them all.
      const welcome = message.sender === 'bot' && message.seq === 1 && !message.intent;
      const searchable = SEARCHABLE.has(message.sender) && !welcome;
      if (searchable) textTerms(message.text).forEach((t) => terms.add(t));
      if (message.sender === 'bot' && message.intent) terms.add(facet.intent(message.intent));
      if (message.agentId) terms.add(facet.agent(message.agentId));
      if (message.sender === 'bot' && message.card) {
        cardAccountNumbers(message.card.data).forEach((n) => terms.add(facet.account(n)));
      }
      if (message.sender === 'customer') {
        districtCodes(message.text).forEach((code) => terms.add(facet.district(code)));
      }
      await this.summaries.update(id, { ...(searchable && { line: message }), terms });
    });
  }

  @OnEvent(ConversationEvents.conversationUpdated)
  async onConversation({ conversation }: ConversationUpdatedEvent): Promise<void> {
    // A conversation is first summarised (and its facets indexed) with its first message.
    await this.quietly(async () => {
      if (await this.summaries.exists(conversation.id)) {
        await this.summaries.upsertConversation(conversation);
      }
    });
  }

  @OnEvent(TicketEvents.queued)
  async onQueued({ ticket, origin }: TicketQueuedEvent): Promise<void> {
    if (origin !== 'opened') return;
    const terms = [facet.outcome('escalated')];
    const district = ticket.caseCard?.districtCode;
    if (typeof district === 'string') terms.push(facet.district(district));
    const account = ticket.caseCard?.accountNumber;
    if (typeof account === 'string') terms.push(facet.account(account));
    await this.quietly(() => this.summaries.update(ticket.conversationId, { terms }));
  }

  @OnEvent(TicketEvents.assigned)
  async onAssigned({ ticket }: TicketEvent): Promise<void> {
    if (!ticket.agentId) return;
    const terms = [facet.agent(ticket.agentId)];
    await this.quietly(() => this.summaries.update(ticket.conversationId, { terms }));
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
    await this.quietly(() => this.summaries.update(ticket.conversationId, { terms }));
  }

  private async outcome(conversationId: string, outcome: Outcome): Promise<void> {
    // A ticket opened before the index existed still counts as escalated.
    const terms = [facet.outcome(outcome), facet.outcome('escalated')];
    await this.quietly(() => this.summaries.update(conversationId, { terms }));
  }

  /** Indexing happens after the fact: a failure is logged, never thrown into the emitter. */
  private async quietly(task: () => Promise<unknown>): Promise<void> {
    try {
      await task();
    } catch (error) {
      this.logger.warn(`search index not updated: ${(error as Error).message}`);
    }
  }
}
