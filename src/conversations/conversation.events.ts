import { ConversationView, MessageView } from './conversation.views';

/** Domain events of conversations; the realtime gateway decides who hears each one. */
export const ConversationEvents = {
  messageCreated: 'message.created',
  conversationUpdated: 'conversation.updated',
} as const;

export interface MessageCreatedEvent {
  message: MessageView;
}

export interface ConversationUpdatedEvent {
  conversation: ConversationView;
}
