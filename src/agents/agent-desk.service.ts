import { Injectable } from '@nestjs/common';
import { Principal } from '../auth/principal';
import { toMessageView } from '../conversations/conversation.views';
import { MessagesService } from '../conversations/messages.service';
import { toTicketView } from '../tickets/ticket.views';
import { TicketsService } from '../tickets/tickets.service';

/** What an agent does with tickets: see the queue, take one, chat, close. */
@Injectable()
export class AgentDeskService {
  constructor(
    private readonly tickets: TicketsService,
    private readonly messages: MessagesService,
  ) {}

  async overview(agent: Principal) {
    const [queued, mine] = await Promise.all([
      this.tickets.listQueued(),
      this.tickets.listAssignedTo(agent.id),
    ]);
    return { queued: queued.map(toTicketView), mine: mine.map(toTicketView) };
  }

  async accept(ticketId: string, agent: Principal) {
    const ticket = await this.tickets.accept(ticketId, agent);
    const transcript = await this.messages.list(ticket.conversationId);
    return { ticket: toTicketView(ticket), messages: transcript.map(toMessageView) };
  }

  async send(ticketId: string, agent: Principal, clientMessageId: string, text: string) {
    const ticket = await this.tickets.getOwned(ticketId, agent.id);
    const { message, duplicate } = await this.messages.append(ticket.conversationId, {
      sender: 'agent',
      agentId: agent.id,
      clientMessageId,
      text,
    });
    return { message: toMessageView(message), duplicate };
  }

  async close(ticketId: string, agent: Principal, resolution?: string) {
    return toTicketView(await this.tickets.close(ticketId, agent, resolution));
  }
}
