import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ConversationsModule } from '../conversations/conversations.module';
import { LoopbackSmsProvider } from './loopback-sms.provider';
import { SmsOptOutsService } from './sms-opt-outs.service';
import { SMS_PROVIDER } from './sms-provider';
import { LoopbackSms, LoopbackSmsSchema, SmsOptOut, SmsOptOutSchema } from './sms.schema';

/**
 * Texts out: the SMS gateway's client and the one opt-out record. Both the SMS channel
 * (src/channels) and the outage notices (src/incidents) send texts; each imports this module
 * and neither the other.
 */
@Module({
  imports: [
    ConversationsModule,
    MongooseModule.forFeature([
      { name: LoopbackSms.name, schema: LoopbackSmsSchema },
      { name: SmsOptOut.name, schema: SmsOptOutSchema },
    ]),
  ],
  providers: [
    LoopbackSmsProvider,
    SmsOptOutsService,
    // The SMS gateway's client: a real provider replaces the loopback here.
    { provide: SMS_PROVIDER, useExisting: LoopbackSmsProvider },
  ],
  exports: [SMS_PROVIDER, LoopbackSmsProvider, SmsOptOutsService],
})
export class SmsModule {}
