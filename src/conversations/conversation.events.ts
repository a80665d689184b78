import { ConversationView, MessageView } from './conversation.views';

/** Domain events of conversations; the realtime gateway decides who hears each one. */
export const ConversationEvents = {
  messageCreated: 'message.created',
  conversationUpdated: 'conversation.updated',
  /** Retention removed the conversation's personal data: other modules forget theirs too. */
  conversationAnonymised: 'conversation.anonymised',
  /** Someone started or stopped typing (live only: nothing is stored). */
  typing: 'conversation.typing',
  /** A customer's socket resumed the conversation (a reload, a reconnect) and hears its room. */
  customerReturned: 'conversation.customer_returned',
} as const;

export interface CustomerReturnedEvent {
  conversationId: string;
  status: ConversationView['status'];
}

export interface TypingEvent {
  conversationId: string;
  who: 'customer' | 'agent';
  typing: boolean;
}

export interface ConversationAnonymisedEvent {
  conversationId: string;
}

export interface MessageCreatedEvent {
  message: MessageView;
  /** Keyed references of the account numbers the message names; never sent to clients. */
  accountRefs?: string[];
  /** The conversation's channel when the writer knew it ('web', 'sms', 'wechat'). */
  channel?: string;
}

export interface ConversationUpdatedEvent {
  conversation: ConversationView;
}
