import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';

/** A person or household known to the utility; holds one or more accounts. */
@Schema({ collection: 'utility_customers' })
export class Customer {
  /** The utility's customer number, e.g. `C0000001`. */
  @Prop({ required: true, unique: true })
  customerNo: string;

  @Prop({ required: true })
  nameZh: string;

  /** Pinyin or the customer's own Latin-script name. */
  @Prop({ required: true })
  nameEn: string;

  /** The phone on record, 11 digits; verification asks for its last four. */
  @Prop({ required: true })
  phone: string;

  @Prop({ type: String, required: true, enum: ['zh', 'en'] })
  preferredLanguage: 'zh' | 'en';
}

export type CustomerDocument = HydratedDocument<Customer>;
export const CustomerSchema = SchemaFactory.createForClass(Customer);
CustomerSchema.index({ phone: 1 });
