import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConversationDocument } from '../../conversations/conversation.schema';
import { toConversationView, toMessageView } from '../../conversations/conversation.views';
import { ConversationsService } from '../../conversations/conversations.service';
import { MessagesService } from '../../conversations/messages.service';
import { toTicketView } from '../../tickets/ticket.views';
import { TicketsService } from '../../tickets/tickets.service';
import { conversationTerms, isSearchable, messageTerms, ticketTerms } from './conversation-terms';
import { TranscriptSummariesService } from './transcript-summaries.service';

/** Writes in flight when the process died are at most this much older than the newest one seen. */
const CRASH_MARGIN_MS = 5 * 60_000;
/** With no summary at all (an index new to old data), the most recent conversations first. */
const FIRST_BUILD_LIMIT = 2_000;
const CATCH_UP_LIMIT = 10_000;

/**
 * The search follows domain events, which a crash can cut off between storing a message and
 * storing its summary line. At start, after the index has loaded, the conversations changed
 * since shortly before the newest summary write are rebuilt from their records (conversation,
 * messages, tickets), so what MongoDB holds is searchable again.
 */
@Injectable()
export class SearchCatchUpService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SearchCatchUpService.name);

  constructor(
    private readonly summaries: TranscriptSummariesService,
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly tickets: TicketsService,
  ) {}

  onApplicationBootstrap(): void {
    void this.run().catch((error: Error) =>
      this.logger.warn(`search catch-up stopped: ${error.message}`),
    );
  }

  /** Returns how many conversations were rebuilt. */
  async run(): Promise<number> {
    await this.summaries.loaded();
    const newest = this.summaries.newestWrite;
    const changed = newest
      ? await this.conversations.listUpdatedSince(
          new Date(newest.getTime() - CRASH_MARGIN_MS),
          CATCH_UP_LIMIT,
        )
      : await this.conversations.listRecent(FIRST_BUILD_LIMIT);
    for (const conversation of changed) await this.rebuild(conversation);
    if (changed.length > 0) this.logger.log(`search caught up on ${changed.length} conversations`);
    return changed.length;
  }

  private async rebuild(conversation: ConversationDocument): Promise<void> {
    const view = toConversationView(conversation);
    const messages = (await this.messages.list(conversation._id, 'customer')).map(toMessageView);
    const tickets = (await this.tickets.listForConversation(conversation._id)).map(toTicketView);
    const terms = [
      ...conversationTerms(view),
      ...messages.flatMap(messageTerms),
      ...tickets.flatMap(ticketTerms),
    ];
    await this.summaries.rebuild(view, messages.filter(isSearchable), terms);
  }
}
