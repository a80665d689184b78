// The wire protocol as the server defines it: every type here comes from src/ (type-only, so
// nothing of the server is bundled), plus the acks of the agent commands, which the server
// returns as plain objects from src/agents/agent-desk.service.ts and agent.gateway.ts.
import type { ErrorBody } from '../../../src/common/domain-error';
import type { ConversationView, MessageView } from '../../../src/conversations/conversation.views';
import type {
  AgentServerEvents,
  CustomerServerEvents,
  QueueStatus,
} from '../../../src/realtime/realtime.events';
import type { ResolutionCode, SlaKind } from '../../../src/tickets/ticket.schema';
import type { EarlierTicketView, TicketView } from '../../../src/tickets/ticket.views';
import type { AccountView, BillView, OutageView } from '../../../src/utility/utility.views';
import type { IncidentView } from '../../../src/incidents/incident.views';

export type {
  AccountView,
  AgentServerEvents,
  BillView,
  ConversationView,
  EarlierTicketView,
  CustomerServerEvents,
  MessageView,
  QueueStatus,
  OutageView,
  ResolutionCode,
  SlaKind,
  TicketView,
};
export type { EscalationReason } from '../../../src/dialogue/escalation-policy';
export type { Bilingual } from '../../../src/common/bilingual';

/** An ack as the page sees it: the server's, or one the page made up when none came. */
export type Ack<T> =
  | ({ ok: true } & T)
  | { ok: false; error: ErrorBody | { code: 'TIMEOUT' | 'UNAVAILABLE'; message: string } };

/** What the desk knows of a verified customer (nothing until the bot or agent verified them). */
export type CustomerRecords =
  | { verified: false }
  | { verified: true; account: AccountView; bills: BillView[]; outages: OutageView[] };

/** The `ticket:context` ack (and the rest of `ticket:accept`'s). */
export interface TicketContext {
  conversation: ConversationView;
  messages: MessageView[];
  history: TicketView[];
  /** A verified account's tickets of other conversations, newest first. */
  earlier: EarlierTicketView[];
  customer?: CustomerRecords;
}

export interface StaffView {
  id: string;
  username: string;
  displayName: string;
  role: 'agent' | 'supervisor';
  languages: ('zh' | 'en')[];
  skills: string[];
}

export interface AgentListing {
  id: string;
  displayName: string;
  presence: string;
  languages: string[];
  skills: string[];
  capacity: number;
  /** Chats and offers, as the last dispatch run counted them. */
  load: number;
}

export interface CannedReply {
  id: string;
  title: Record<string, string>;
  text: Record<string, string>;
}

/** The case card the bot leaves on an escalated ticket (src/dialogue/dialogue.service.ts). */
export interface CaseCard {
  intentPath?: string[];
  verification?: 'verified' | 'not_verified' | 'failed';
  answered?: string[];
  lastMessages?: string[];
}

/** Every agent command with its payload and the body of its ok ack. */
export interface AgentCommandMap {
  'ticket:list': [
    Record<string, never>,
    { queued: TicketView[]; mine: TicketView[]; presence?: string; capacity?: number },
  ];
  'ticket:accept': [{ ticketId: string }, { ticket: TicketView } & TicketContext];
  'ticket:decline': [{ ticketId: string }, Record<string, never>];
  'ticket:context': [{ ticketId: string }, TicketContext];
  'ticket:transfer': [
    { ticketId: string; toSkill?: string; toAgentId?: string; note?: string },
    { ticket: TicketView },
  ];
  'ticket:close': [
    { ticketId: string; resolution: ResolutionCode; note?: string },
    { ticket: TicketView },
  ];
  'message:send': [
    { ticketId: string; clientMessageId: string; text: string },
    { message: MessageView; duplicate: boolean },
  ];
  'note:add': [
    { ticketId: string; clientMessageId: string; text: string },
    { message: MessageView; duplicate: boolean },
  ];
  'presence:set': [{ presence: 'online' | 'away' }, { presence: string }];
  'agents:list': [Record<string, never>, { agents: AgentListing[] }];
  'canned:list': [Record<string, never>, { replies: CannedReply[] }];
  'typing:set': [{ ticketId: string; typing: boolean }, Record<string, never>];
}

/** A server view as JSON carries it: dates are ISO strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** An incident as both staff pages receive it. */
export type Incident = Wire<IncidentView>;
