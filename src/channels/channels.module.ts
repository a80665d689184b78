import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ChatModule } from '../chat/chat.module';
import { PiiCipherService } from '../common/pii-cipher.service';
import { ConversationsModule } from '../conversations/conversations.module';
import { SmsModule } from '../sms/sms.module';
import { ChannelDeliveryProcessor } from './channel-delivery.processor';
import { ChannelOutbox, ChannelOutboxSchema } from './channel-outbox.schema';
import { ChannelOutboxRepository } from './channel-outbox.repository';
import { ChannelRepairService } from './channel-repair.service';
import { ChannelInboundService } from './channel-inbound.service';
import { CHANNELS_QUEUE, ChannelRelay } from './channel-relay';
import {
  ChannelDelivery,
  ChannelDeliverySchema,
  ChannelThread,
  ChannelThreadSchema,
} from './channel-thread.schema';
import { ChannelThreadsRepository } from './channel-threads.repository';
import { ReplyWaiter } from './reply-waiter';
import { SmsSignatureGuard } from './sms/sms-signature.guard';
import { SmsController } from './sms/sms.controller';
import { WechatApiClient } from './wechat/wechat-api.client';
import { WechatController } from './wechat/wechat.controller';

/**
 * Channels other than the web socket (SMS, WeChat official account): inbound webhooks into the
 * same chat path, and a relay of what the customer should see back out through each channel.
 */
@Module({
  imports: [
    ChatModule,
    ConversationsModule,
    // The SMS provider and the one opt-out record, shared with the outage notices.
    SmsModule,
    MongooseModule.forFeature([
      { name: ChannelThread.name, schema: ChannelThreadSchema },
      { name: ChannelDelivery.name, schema: ChannelDeliverySchema },
      { name: ChannelOutbox.name, schema: ChannelOutboxSchema },
    ]),
    BullModule.registerQueue({ name: CHANNELS_QUEUE }),
  ],
  controllers: [SmsController, WechatController],
  providers: [
    PiiCipherService,
    ChannelThreadsRepository,
    ChannelInboundService,
    ChannelRelay,
    ChannelDeliveryProcessor,
    ChannelOutboxRepository,
    ChannelRepairService,
    ReplyWaiter,
    SmsSignatureGuard,
    WechatApiClient,
  ],
})
export class ChannelsModule {}
