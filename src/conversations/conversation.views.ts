import { ChatLanguage, ConversationDocument, ConversationStatus } from './conversation.schema';
import { Message, Sender } from './message.schema';

/** What clients see of a message: the wire shape, separate from the stored document. */
export interface MessageView {
  id: string;
  conversationId: string;
  seq: number;
  sender: Sender;
  clientMessageId: string;
  text: string;
  agentId?: string;
  internal?: true;
  intent?: string;
  confidence?: number;
  /** Which NLU stage read the customer's message (bot turns). */
  nluStage?: string;
  card?: { type: string; data: Record<string, unknown> };
  /** What the bot read, values masked (the keyed references stay on the server). */
  entities?: { type: string; value: string; unit?: string }[];
  createdAt: string;
}

export interface ConversationView {
  id: string;
  status: ConversationStatus;
  language: ChatLanguage;
  channel: string;
  customerName?: string;
  ticketId?: string;
  createdAt: string;
}

export function toMessageView(m: Message): MessageView {
  return {
    id: m._id,
    conversationId: m.conversationId.toHexString(),
    seq: m.seq,
    sender: m.sender,
    clientMessageId: m.clientMessageId,
    text: m.text,
    ...(m.agentId !== undefined && { agentId: m.agentId }),
    ...(m.internal && { internal: true as const }),
    ...(m.intent !== undefined && { intent: m.intent }),
    ...(m.confidence !== undefined && { confidence: m.confidence }),
    ...(m.nluStage !== undefined && { nluStage: m.nluStage }),
    ...(m.card && { card: m.card }),
    ...(m.entities &&
      m.entities.length > 0 && {
        entities: m.entities.map(({ type, value, unit }) => ({
          type,
          value,
          ...(unit && { unit }),
        })),
      }),
    createdAt: m.createdAt.toISOString(),
  };
}

/** The keyed references of the account numbers a message's entities name (for search only). */
export function accountRefsOf(m: Message): string[] {
  return (m.entities ?? []).flatMap((e) => (e.type === 'account_number' && e.ref ? [e.ref] : []));
}

export function toConversationView(c: ConversationDocument): ConversationView {
  return {
    id: c.id as string,
    status: c.status,
    language: c.language,
    channel: c.channel,
    ...(c.customerName !== undefined && { customerName: c.customerName }),
    ...(c.ticketId !== undefined && { ticketId: c.ticketId.toHexString() }),
    createdAt: c.createdAt.toISOString(),
  };
}
