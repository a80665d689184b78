import { ErrorBody } from '../common/domain-error';
import { ConversationView, MessageView } from '../conversations/conversation.views';
import { IncidentView } from '../incidents/incident.views';
import { StormChangedEvent } from '../incidents/incident.events';
import { TicketView } from '../tickets/ticket.views';

/** Namespaces of the one socket.io server. */
export const Namespaces = {
  customer: '/customer',
  agent: '/agent',
  supervisor: '/supervisor',
} as const;

export const Rooms = {
  conversation: (id: string) => `conversation:${id}`,
  agent: (id: string) => `agent:${id}`,
  /** Every connected agent: the queue's changes go here. */
  agents: 'agents',
  supervisors: 'supervisors',
  /** Supervisors silently watching one conversation. */
  watch: (id: string) => `watch:${id}`,
};

type ErrorEvent = (error: { ok: false; error: ErrorBody; event?: string }) => void;

export interface QueueStatus {
  ticketId: string;
  position: number;
  estimatedWaitSeconds: number | null;
  agentsOnline: number;
  outOfHours: boolean;
}

/** Facts the server tells a customer, in the past tense. */
export interface CustomerServerEvents {
  'message:created': (message: MessageView) => void;
  'conversation:updated': (conversation: ConversationView) => void;
  'queue:updated': (status: QueueStatus) => void;
  'survey:requested': (survey: { ticketId: string }) => void;
  /** The agent started or stopped typing. */
  'typing:updated': (typing: { who: 'agent'; typing: boolean }) => void;
  'error:occurred': ErrorEvent;
}

/** Facts the server tells agents. */
export interface AgentServerEvents {
  'message:created': (message: MessageView) => void;
  'ticket:queued': (ticket: TicketView) => void;
  'ticket:offered': (ticket: TicketView) => void;
  'ticket:offer_lapsed': (lapse: { ticket: TicketView; why: 'declined' | 'timeout' }) => void;
  'ticket:assigned': (ticket: TicketView) => void;
  'ticket:resolved': (ticket: TicketView) => void;
  'ticket:abandoned': (ticket: TicketView) => void;
  'ticket:sla_breached': (breach: { ticket: TicketView; kind: string }) => void;
  'presence:updated': (presence: { presence: string }) => void;
  /** The customer of a chat this agent follows started or stopped typing. */
  'typing:updated': (typing: { conversationId: string; who: 'customer'; typing: boolean }) => void;
  'whisper:received': (whisper: {
    ticketId: string;
    conversationId: string;
    from: string;
    text: string;
    at: string;
  }) => void;
  'incident:updated': (incident: IncidentView) => void;
  'incident:storm_changed': (storm: StormChangedEvent) => void;
  'error:occurred': ErrorEvent;
}

/** Facts the server tells supervisors. */
export interface SupervisorServerEvents {
  'ticket:sla_breached': (breach: { ticket: TicketView; kind: string }) => void;
  'agent:presence': (presence: { agentId: string; presence: string }) => void;
  'message:created': (message: MessageView) => void;
  'monitor:updated': (board: unknown) => void;
  'incident:updated': (incident: IncidentView) => void;
  'incident:storm_changed': (storm: StormChangedEvent) => void;
  'error:occurred': ErrorEvent;
}

/** Commands a customer may send; anything else is answered with UNKNOWN_EVENT. */
export const CustomerCommands = [
  'conversation:start',
  'conversation:resume',
  'message:send',
  'queue:leave',
  'callback:leave',
  'survey:submit',
  'typing:set',
] as const;

/** Commands an agent may send. */
export const AgentCommands = [
  'ticket:list',
  'ticket:accept',
  'ticket:decline',
  'ticket:context',
  'ticket:transfer',
  'ticket:close',
  'message:send',
  'note:add',
  'presence:set',
  'agents:list',
  'canned:list',
  'typing:set',
] as const;

export const SupervisorCommands = [
  'monitor:snapshot',
  'conversation:watch',
  'conversation:unwatch',
  'agent:whisper',
] as const;
