/** Facts of the chat that other modules (audit's reports) listen to. */
export const ChatEvents = {
  /** The bot did not understand a customer's message: material for "what the bot failed on". */
  botMissed: 'bot.missed',
} as const;

export interface BotMissedEvent {
  conversationId: string;
  messageId: string;
  /** The customer's text with personal numbers masked. */
  text: string;
  language: 'zh' | 'en';
  intent: string;
  confidence: number;
  at: string;
}
