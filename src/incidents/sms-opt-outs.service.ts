import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { Model } from 'mongoose';
import { PersonalRefService } from '../conversations/personal-ref.service';

/** A number that texted TD / 退订 / STOP: `_id` is its keyed reference, never the number. */
@Schema({ collection: 'sms_opt_outs', versionKey: false })
export class SmsOptOut {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  at: Date;
}

export const SmsOptOutSchema = SchemaFactory.createForClass(SmsOptOut);

/**
 * Who asked for no more texts, for every sender of texts (the channel relay, the notices). Lives
 * beside the SMS provider so that both reach it without depending on each other's modules.
 */
@Injectable()
export class SmsOptOutsService {
  constructor(
    @InjectModel(SmsOptOut.name) private readonly optOuts: Model<SmsOptOut>,
    private readonly refs: PersonalRefService,
  ) {}

  async set(phone: string, optedOut: boolean): Promise<void> {
    const _id = this.refOf(phone);
    if (optedOut)
      await this.optOuts.updateOne({ _id }, { $set: { at: new Date() } }, { upsert: true });
    else await this.optOuts.deleteOne({ _id });
  }

  async isOptedOut(phone: string): Promise<boolean> {
    return (await this.optOuts.exists({ _id: this.refOf(phone) })) !== null;
  }

  /** One number however it was written (`+86 138…`, `0086-138…`, `138…`). */
  private refOf(phone: string): string {
    return this.refs.of(
      parsePhoneNumberFromString(phone, 'CN')?.number ?? phone.replace(/\D/g, ''),
    );
  }
}
