import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';

/** One supervisor read of customer data. Append-only: nothing in the service updates or deletes it. */
@Schema({ collection: 'access_log', timestamps: { createdAt: 'at', updatedAt: false } })
export class AccessLogEntry {
  @Prop({ required: true })
  staffId: string;

  @Prop({ required: true })
  username: string;

  @Prop({ required: true })
  action: string;

  @Prop({ required: true })
  target: string;

  /** Why, where the action needs a reason (unmasking personal data). */
  @Prop()
  reason?: string;

  at: Date;
}

export type AccessLogDocument = HydratedDocument<AccessLogEntry>;
export const AccessLogSchema = SchemaFactory.createForClass(AccessLogEntry);
AccessLogSchema.index({ at: -1 });
AccessLogSchema.index({ target: 1, at: -1 });
