import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/**
 * Who took a ticket in one round of queueing. The unique (ticketId, round) index is what makes
 * "exactly one agent wins" hold: an insert under a unique index is atomic on FerretDB and
 * MongoDB alike, while FerretDB v1's conditional updates are not.
 */
@Schema({ collection: 'assignments', timestamps: { createdAt: true, updatedAt: false } })
export class Assignment {
  @Prop({ type: Types.ObjectId, required: true })
  ticketId: Types.ObjectId;

  /** The ticket's queueing round: a ticket put back in the queue can be taken again. */
  @Prop({ required: true })
  round: number;

  @Prop({ required: true })
  agentId: string;

  createdAt: Date;
}

export const AssignmentSchema = SchemaFactory.createForClass(Assignment);
AssignmentSchema.index({ ticketId: 1, round: 1 }, { unique: true });
