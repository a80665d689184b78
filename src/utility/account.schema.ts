import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';
import { TARIFF_PLANS, TariffPlan } from './tariff-calculator';

export const ACCOUNT_STATUSES = ['active', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** One electricity supply point (a home, a shop) billed under one account number. */
@Schema({ collection: 'utility_accounts' })
export class Account {
  /** 10 digits with a Luhn check digit (src/nlu/account-number.ts). */
  @Prop({ required: true, unique: true })
  accountNumber: string;

  @Prop({ required: true })
  customerNo: string;

  @Prop({ required: true })
  holderNameZh: string;

  @Prop({ required: true })
  holderNameEn: string;

  @Prop({ required: true })
  addressZh: string;

  @Prop({ required: true })
  addressEn: string;

  /** A code of src/nlu/service-area.ts. */
  @Prop({ required: true })
  districtCode: string;

  @Prop({ required: true })
  feederId: string;

  /** Copied from the customer when the account was opened; an account may have its own contact. */
  @Prop({ required: true })
  phone: string;

  @Prop({ type: String, required: true, enum: TARIFF_PLANS })
  tariffPlan: TariffPlan;

  @Prop({ type: String, required: true, enum: ACCOUNT_STATUSES })
  status: AccountStatus;

  @Prop({ required: true })
  openedAt: Date;

  /**
   * The latest month billed. Bills, readings and payments are keyed `<accountNumber>:<YYYY-MM>`
   * and read back from here by `_id`, a lookup every store answers from its primary index.
   */
  @Prop()
  lastBilledPeriod?: string;
}

export type AccountDocument = HydratedDocument<Account>;
export const AccountSchema = SchemaFactory.createForClass(Account);
AccountSchema.index({ customerNo: 1 });
AccountSchema.index({ phone: 1 });
AccountSchema.index({ feederId: 1 });
