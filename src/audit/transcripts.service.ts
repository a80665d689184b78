import { Injectable } from '@nestjs/common';
import { Principal } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { toConversationView, toMessageView } from '../conversations/conversation.views';
import { ConversationsService } from '../conversations/conversations.service';
import { MessagesService } from '../conversations/messages.service';
import { toTicketView } from '../tickets/ticket.views';
import { TicketsService } from '../tickets/tickets.service';
import { AccessLogService } from './access-log.service';

/** A whole conversation for a supervisor: every turn in order, and each handoff's ticket history. */
@Injectable()
export class TranscriptsService {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly tickets: TicketsService,
    private readonly accessLog: AccessLogService,
  ) {}

  async read(conversationId: string, reader: Principal) {
    const conversation = await this.conversations.get(conversationId);
    await this.accessLog.record(
      reader,
      'transcript.read',
      `conversation:${conversation.id as string}`,
    );
    const [messages, tickets] = await Promise.all([
      this.messages.list(conversation._id, 'staff'),
      this.tickets.listForConversation(conversation._id),
    ]);
    return {
      conversation: toConversationView(conversation),
      messages: messages.map(toMessageView),
      tickets: tickets.map(toTicketView),
    };
  }

  /**
   * The unmasked text of one message: only with the `unmask` permission and a stated reason,
   * and the access is logged before the text is returned.
   */
  async unmask(conversationId: string, messageId: string, reason: string, reader: Principal) {
    if (!reader.permissions.includes('unmask')) {
      throw new DomainError('FORBIDDEN', 'Unmasking personal data needs the unmask permission');
    }
    const conversation = await this.conversations.get(conversationId);
    const found = await this.messages.original(conversation._id, messageId);
    await this.accessLog.record(reader, 'transcript.unmask', `message:${messageId}`, reason);
    return { messageId, text: found.original ?? found.masked, masked: found.masked };
  }

  async recent(limit: number) {
    const conversations = await this.conversations.listRecent(limit);
    return conversations.map(toConversationView);
  }
}
