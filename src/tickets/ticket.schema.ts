import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Types } from 'mongoose';

export const TICKET_STATUSES = ['queued', 'offered', 'assigned', 'resolved', 'abandoned'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const OPEN_STATUSES: TicketStatus[] = ['queued', 'offered', 'assigned'];

/** Lower is more urgent: a hazard goes ahead of every complaint, a complaint ahead of the rest. */
export const PRIORITY = { hazard: 0, complaint: 1, normal: 2 } as const;

export const RESOLUTION_CODES = [
  'resolved',
  'information_given',
  'request_created',
  'field_crew_dispatched',
  'callback_arranged',
  'handed_back_to_bot',
  'no_response',
  'duplicate',
] as const;
export type ResolutionCode = (typeof RESOLUTION_CODES)[number];

export const SLA_KINDS = ['first_response', 'resolution'] as const;
export type SlaKind = (typeof SLA_KINDS)[number];

@Schema({ _id: false })
export class TicketEvent {
  @Prop({ required: true })
  at: Date;

  @Prop({ type: String, required: true })
  status: string;

  /** `bot`, `customer`, `system` or the staff id of an agent. */
  @Prop({ required: true })
  by: string;

  @Prop()
  note?: string;
}
const TicketEventSchema = SchemaFactory.createForClass(TicketEvent);

@Schema({ _id: false })
export class Rating {
  /** 1–5 for the agent who served the customer. */
  @Prop()
  agent?: number;

  /** 1–5 for the bot's part of the conversation. */
  @Prop()
  bot?: number;

  @Prop()
  comment?: string;

  /** The agent the rating is attributed to. */
  @Prop()
  agentId?: string;

  @Prop({ required: true })
  at: Date;
}
const RatingSchema = SchemaFactory.createForClass(Rating);

@Schema({ _id: false })
export class Callback {
  @Prop({ required: true })
  phone: string;

  @Prop()
  message?: string;

  @Prop({ required: true })
  at: Date;
}
const CallbackSchema = SchemaFactory.createForClass(Callback);

@Schema({ collection: 'tickets', timestamps: true })
export class Ticket {
  @Prop({ type: Types.ObjectId, required: true })
  conversationId: Types.ObjectId;

  /**
   * `<conversationId>:<tickets closed before it>`, unique: two escalations of one conversation
   * racing each other compute the same key, and only one insert succeeds.
   */
  @Prop({ required: true, unique: true })
  handoffKey: string;

  @Prop({ type: String, required: true, enum: TICKET_STATUSES })
  status: TicketStatus;

  /** Bumped by every write: the compare-and-set of TicketsRepository. */
  @Prop({ required: true, default: 0 })
  revision: number;

  /** Each time the ticket (re)enters the queue starts a round; each round is decided once. */
  @Prop({ required: true, default: 0 })
  round: number;

  @Prop({ required: true })
  priority: number;

  /** Why the bot handed over (customer_request, safety_hazard, complaint, not_understood...). */
  @Prop({ required: true })
  reason: string;

  @Prop({ type: String, required: true, enum: ['zh', 'en'] })
  language: 'zh' | 'en';

  @Prop({ type: String, required: true, default: 'general' })
  skill: string;

  /** Where the customer talks to us (web, sms, wechat): agents' replies go back through it. */
  @Prop({ type: String, default: 'web' })
  channel: string;

  /** A transfer to a named agent. */
  @Prop()
  requiredAgentId?: string;

  @Prop({ type: [String], default: [] })
  declinedBy: string[];

  /** Each decline, with its time: the same agent is not offered it again soon. */
  @Prop({ type: [{ _id: false, agentId: String, at: Date }], default: [] })
  declines: { agentId: string; at: Date }[];

  @Prop()
  offeredTo?: string;

  @Prop()
  offerExpiresAt?: Date;

  @Prop()
  agentId?: string;

  @Prop()
  agentName?: string;

  /** Agents who have owned it, in order (transfers, requeues). */
  @Prop({ type: [String], default: [] })
  agentIds: string[];

  @Prop({ required: true })
  queuedAt: Date;

  /** Queue order within a priority: a ticket put back keeps its first place. */
  @Prop({ required: true })
  queueSortAt: Date;

  /** When the SLA targets fall due (set at queueing from the ticket's priority then). */
  @Prop()
  firstResponseDueAt?: Date;

  @Prop()
  resolutionDueAt?: Date;

  @Prop()
  assignedAt?: Date;

  @Prop()
  firstResponseAt?: Date;

  @Prop()
  resolvedAt?: Date;

  @Prop()
  abandonedAt?: Date;

  /** Seconds from queueing to first pickup, to the agent's first message, and pickup to close. */
  @Prop()
  waitedSeconds?: number;

  @Prop()
  firstResponseSeconds?: number;

  @Prop()
  handleSeconds?: number;

  @Prop({ type: [String], default: [] })
  slaBreaches: SlaKind[];

  @Prop({ type: String, enum: RESOLUTION_CODES })
  resolution?: ResolutionCode;

  @Prop({ type: CallbackSchema })
  callback?: Callback;

  /** What the bot knew when it handed over: intent path, slots, verification, answers, last messages. */
  @Prop({ type: Object })
  caseCard?: Record<string, unknown>;

  /** The case card's clear account numbers, sealed (see case-card.ts); never in a view. */
  @Prop({ type: Object })
  caseCardSealed?: Record<string, string>;

  @Prop({ type: RatingSchema })
  rating?: Rating;

  // Kept for the search facets; reports group on queuedAt in the service's zone ($dateToString).
  @Prop()
  day?: string;

  @Prop()
  week?: string;

  @Prop()
  districtCode?: string;

  /** The first intent the bot understood in the conversation. */
  @Prop()
  firstIntent?: string;

  @Prop({ type: [TicketEventSchema], default: [] })
  history: TicketEvent[];

  createdAt: Date;
  updatedAt: Date;
}

export type TicketDocument = HydratedDocument<Ticket>;
export const TicketSchema = SchemaFactory.createForClass(Ticket);
// The compare-and-set's lookup: mongo-java-server uses an index only for an equality on all
// fields of a unique one (see TicketsRepository); redundant, and cheap, on MongoDB.
TicketSchema.index({ _id: 1, revision: 1 }, { unique: true });
TicketSchema.index({ status: 1, priority: 1, queueSortAt: 1 });
TicketSchema.index({ conversationId: 1 });
TicketSchema.index({ agentId: 1, status: 1 });
