import { NestExpressApplication } from '@nestjs/platform-express';
import { ChatService } from '../../src/chat/chat.service';
import { TicketsService } from '../../src/tickets/tickets.service';

/** A conversation handed over the way the bot does it; with no agent online, it waits. */
export async function openQueuedTicket(
  app: NestExpressApplication,
  language: 'zh' | 'en',
  customerName: string,
): Promise<string> {
  const { conversation } = await app.get(ChatService).start(language, customerName);
  const ticket = await app.get(TicketsService).open({
    conversationId: conversation._id,
    reason: 'customer_request',
    language,
    skill: 'general',
  });
  return ticket.id as string;
}
