import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { Model } from 'mongoose';
import { PersonalRefService } from '../conversations/personal-ref.service';
import { SmsOptOut } from './sms.schema';

/**
 * The one record of who asked for no more texts (TD / 退订 / STOP), for every sender of texts:
 * the SMS channel's relay of replies and the outage notices. Kept by the number's keyed
 * reference, never the number.
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
    return (await this.optedOutSince(phone)) !== undefined;
  }

  /** When the number opted out, if it has (the SMS relay answers what it wrote after that). */
  async optedOutSince(phone: string): Promise<Date | undefined> {
    const found = await this.optOuts.findById(this.refOf(phone)).lean<SmsOptOut>();
    return found?.at;
  }

  /** One number however it was written (`+86 138…`, `0086-138…`, `138…`). */
  private refOf(phone: string): string {
    return this.refs.of(
      parsePhoneNumberFromString(phone, 'CN')?.number ?? phone.replace(/\D/g, ''),
    );
  }
}
