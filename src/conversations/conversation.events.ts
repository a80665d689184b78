import { ConversationView, MessageView } from './conversation.views';

/** Domain events of conversations; the realtime gateway decides who hears each one. */
export const ConversationEvents = {
  messageCreated: 'message.created',
  conversationUpdated: 'conversation.updated',
  /** Retention removed the conversation's personal data: other modules forget theirs too. */
  conversationAnonymised: 'conversation.anonymised',
} as const;

export interface ConversationAnonymisedEvent {
  conversationId: string;
}

export interface MessageCreatedEvent {
  message: MessageView;
}

export interface ConversationUpdatedEvent {
  conversation: ConversationView;
}
