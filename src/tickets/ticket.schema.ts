import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Types } from 'mongoose';

export const TICKET_STATUSES = ['queued', 'assigned', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Lower is more urgent: a hazard goes ahead of every complaint, a complaint ahead of the rest. */
export const PRIORITY = { hazard: 0, complaint: 1, normal: 2 } as const;

@Schema({ _id: false })
export class TicketEvent {
  @Prop({ required: true })
  at: Date;

  @Prop({ type: String, required: true, enum: TICKET_STATUSES })
  status: TicketStatus;

  /** `bot`, `customer`, `system` or the staff id of an agent. */
  @Prop({ required: true })
  by: string;

  @Prop()
  note?: string;
}
const TicketEventSchema = SchemaFactory.createForClass(TicketEvent);

@Schema({ collection: 'tickets', timestamps: true })
export class Ticket {
  @Prop({ type: Types.ObjectId, required: true })
  conversationId: Types.ObjectId;

  /**
   * `<conversationId>:<closed tickets before it>`, unique: two escalations of one conversation
   * racing each other compute the same key, and only one insert succeeds.
   */
  @Prop({ required: true, unique: true })
  handoffKey: string;

  /** How many times the ticket has entered the queue, minus one; each round is taken once. */
  @Prop({ required: true, default: 0 })
  round: number;

  @Prop({ type: String, required: true, enum: TICKET_STATUSES })
  status: TicketStatus;

  @Prop({ required: true })
  priority: number;

  /** Why the bot handed over (customer_request, safety_hazard, ...). */
  @Prop({ required: true })
  reason: string;

  @Prop({ type: String, required: true, enum: ['zh', 'en'] })
  language: 'zh' | 'en';

  @Prop()
  agentId?: string;

  @Prop()
  agentName?: string;

  @Prop({ required: true })
  queuedAt: Date;

  @Prop()
  assignedAt?: Date;

  @Prop()
  closedAt?: Date;

  @Prop()
  resolution?: string;

  @Prop({ type: [TicketEventSchema], default: [] })
  history: TicketEvent[];

  createdAt: Date;
  updatedAt: Date;
}

export type TicketDocument = HydratedDocument<Ticket>;
export const TicketSchema = SchemaFactory.createForClass(Ticket);
TicketSchema.index({ status: 1, priority: 1, queuedAt: 1 });
TicketSchema.index({ conversationId: 1 });
TicketSchema.index({ agentId: 1, status: 1 });
