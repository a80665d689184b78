import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The latest handle times (pickup to close, seconds), one document (`_id` 'recent') for the
 * whole service: the wait estimate reads it by `_id` (an index lookup on every store), so its
 * cost does not grow with the tickets stored, as a sort over the resolved tickets would.
 */
@Schema({ collection: 'ticket_handle_times', versionKey: false })
export class HandleTimes {
  @Prop({ type: String })
  _id: string;

  /** Oldest first; `$push` with `$slice` keeps the last HANDLE_SAMPLE. */
  @Prop({ type: [Number], default: [] })
  seconds: number[];

  @Prop()
  updatedAt: Date;
}

export const HandleTimesSchema = SchemaFactory.createForClass(HandleTimes);
