import { Injectable } from '@nestjs/common';
import { Principal } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { maskPii } from '../common/pii-masker';
import { toConversationView, toMessageView } from '../conversations/conversation.views';
import { ConversationsService } from '../conversations/conversations.service';
import { MessagesService } from '../conversations/messages.service';
import { toTicketView } from '../tickets/ticket.views';
import { TicketsQueryService } from '../tickets/tickets-query.service';
import { AccessLogService } from './access-log.service';

const MIN_REASON = 5;

/** A reason trimmed, its inner runs of space collapsed, masked; valid with 5+ characters and a letter. */
export function normaliseReason(reason: string | undefined): { ok: boolean; text: string } {
  const text = maskPii((reason ?? '').replace(/\s+/g, ' ').trim()).text.slice(0, 300);
  return { ok: [...text].length >= MIN_REASON && /\p{L}/u.test(text), text };
}

/** A whole conversation for a supervisor: every turn in order, and each handoff's ticket history. */
@Injectable()
export class TranscriptsService {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly tickets: TicketsQueryService,
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
   * and the access is logged before the text is returned. A refused attempt is logged too.
   */
  async unmask(
    conversationId: string,
    messageId: string,
    reason: string | undefined,
    reader: Principal,
  ) {
    const target = `message:${messageId.slice(0, 120)}`;
    const why = normaliseReason(reason);
    if (!reader.permissions.includes('unmask')) {
      await this.refuse(reader, target, why.text, 'no unmask permission');
      throw new DomainError('FORBIDDEN', 'Unmasking personal data needs the unmask permission');
    }
    if (!why.ok) {
      await this.refuse(reader, target, why.text, 'no valid reason');
      throw new DomainError(
        'VALIDATION',
        'reason must say why, in 5 to 300 characters (not only spaces or punctuation)',
      );
    }
    const conversation = await this.conversations.get(conversationId);
    const found = await this.messages.original(conversation._id, messageId);
    await this.accessLog.record(reader, 'transcript.unmask', target, why.text);
    return { messageId, text: found.original ?? found.masked, masked: found.masked };
  }

  private async refuse(reader: Principal, target: string, reason: string, why: string) {
    const given = reason ? ` (reason given: "${reason}")` : '';
    await this.accessLog.record(reader, 'transcript.unmask_refused', target, `${why}${given}`);
  }

  async recent(limit: number) {
    const conversations = await this.conversations.listRecent(limit);
    return conversations.map(toConversationView);
  }
}
