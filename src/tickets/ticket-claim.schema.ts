import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A decision about a ticket that exactly one caller may make: who is offered round N, whether
 * round N ends accepted, declined, lapsed or cancelled, who rates it. The unique `key` makes the
 * first insert win: that is atomic on FerretDB and MongoDB alike, while FerretDB v1's
 * conditional updates are not.
 */
@Schema({ collection: 'ticket_claims', timestamps: { createdAt: true, updatedAt: false } })
export class TicketClaim {
  @Prop({ required: true, unique: true })
  key: string;

  @Prop({ required: true })
  ticketId: string;

  /** Who made the decision: an agent's id, `customer`, `system`. */
  @Prop({ required: true })
  by: string;

  @Prop({ required: true })
  outcome: string;
}

export const TicketClaimSchema = SchemaFactory.createForClass(TicketClaim);
