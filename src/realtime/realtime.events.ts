import { ErrorBody } from '../common/domain-error';
import { ConversationView, MessageView } from '../conversations/conversation.views';
import { TicketView } from '../tickets/ticket.views';

/** Namespaces of the one socket.io server. */
export const Namespaces = { customer: '/customer', agent: '/agent' } as const;

export const Rooms = {
  conversation: (id: string) => `conversation:${id}`,
  agent: (id: string) => `agent:${id}`,
  /** Every connected agent: where offers of queued tickets go. */
  agents: 'agents',
};

/** Facts the server tells a customer, in the past tense. */
export interface CustomerServerEvents {
  'message:created': (message: MessageView) => void;
  'conversation:updated': (conversation: ConversationView) => void;
  'error:occurred': (error: { ok: false; error: ErrorBody; event?: string }) => void;
}

/** Facts the server tells agents. */
export interface AgentServerEvents {
  'message:created': (message: MessageView) => void;
  'ticket:queued': (ticket: TicketView) => void;
  'ticket:assigned': (ticket: TicketView) => void;
  'ticket:closed': (ticket: TicketView) => void;
  'error:occurred': (error: { ok: false; error: ErrorBody; event?: string }) => void;
}

/** Commands a customer may send; anything else is answered with UNKNOWN_EVENT. */
export const CustomerCommands = [
  'conversation:start',
  'conversation:resume',
  'message:send',
] as const;

/** Commands an agent may send. */
export const AgentCommands = [
  'ticket:list',
  'ticket:accept',
  'ticket:close',
  'message:send',
] as const;
