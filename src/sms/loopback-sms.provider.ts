import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { isDuplicateKey } from '../common/mongo-errors';
import { maskNumber } from '../common/pii-masker';
import { SmsProvider } from './sms-provider';
import { LoopbackSms } from './sms.schema';

/**
 * The built-in provider for the demo and tests: it records what it "sent" (the number masked),
 * once per key, in MongoDB, so every instance sees the same log.
 */
@Injectable()
export class LoopbackSmsProvider implements SmsProvider {
  constructor(@InjectModel(LoopbackSms.name) private readonly loopback: Model<LoopbackSms>) {}

  async send(message: { to: string; text: string; idempotencyKey: string }): Promise<void> {
    try {
      await this.loopback.create({
        _id: message.idempotencyKey,
        toMasked: maskNumber(message.to),
        text: message.text,
        at: new Date(),
      });
    } catch (error) {
      // Sent under this key already: a retry is a no-op, as a gateway's client reference makes it.
      if (!isDuplicateKey(error)) throw error;
    }
  }

  sent(): Promise<LoopbackSms[]> {
    return this.loopback.find({}).sort({ at: 1 }).lean<LoopbackSms[]>();
  }
}
