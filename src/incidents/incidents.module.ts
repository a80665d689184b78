import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthModule } from '../auth/auth.module';
import { PiiCipherService } from '../common/pii-cipher.service';
import { ConversationsModule } from '../conversations/conversations.module';
import { SmsModule } from '../sms/sms.module';
import { UtilityModule } from '../utility/utility.module';
import {
  Incident,
  IncidentArea,
  IncidentAreaSchema,
  IncidentReport,
  IncidentReportSchema,
  IncidentSchema,
} from './incident.schema';
import { CallbackRecountService } from './callback-recount.service';
import { CallbacksController } from './callbacks.controller';
import { CallbacksRepository } from './callbacks.repository';
import { CallbacksService } from './callbacks.service';
import { IncidentQueriesService } from './incident-queries.service';
import { IncidentRepairsService } from './incident-repairs.service';
import { IncidentUpdatesService } from './incident-updates.service';
import { IncidentsController } from './incidents.controller';
import { IncidentsRepository } from './incidents.repository';
import { IncidentsService } from './incidents.service';
import { NOTICE_CHANNELS, NoticeChannel } from './notice-channel';
import { ChatNoticeChannel, SmsNoticeChannel } from './notice-channels';
import { NOTICES_QUEUE } from './notices.constants';
import { NoticesProcessor } from './notices.processor';
import { NoticesQueue } from './notices.queue';
import { NoticesRepository } from './notices.repository';
import { NoticesService } from './notices.service';
import { PlannedNoticesService } from './planned-notices.service';
import { NoticeRepairService } from './notice-repair.service';
import { OutageIncidentsService } from './outage-incidents.service';
import { RecordsIncidentsService } from './records-incidents.service';
import { StormService } from './storm.service';
import {
  IncidentCallback,
  IncidentCallbackSchema,
  Notice,
  NoticeRun,
  NoticeRunSchema,
  NoticeSchema,
  Subscription,
  SubscriptionSchema,
} from './subscription.schema';
import { SubscriptionsService } from './subscriptions.service';

/**
 * Proactive outage communication (issue #16): incidents grouped from customers' reports and the
 * outage records, subscriptions and their notices, storm mode. The dialogue talks to it through
 * IncidentsService and SubscriptionsService only.
 */
@Module({
  imports: [
    AuthModule,
    ConversationsModule,
    UtilityModule,
    // Texts out, shared with the SMS channel: the provider and the one opt-out record.
    SmsModule,
    MongooseModule.forFeature([
      { name: Incident.name, schema: IncidentSchema },
      { name: IncidentArea.name, schema: IncidentAreaSchema },
      { name: IncidentReport.name, schema: IncidentReportSchema },
      { name: Subscription.name, schema: SubscriptionSchema },
      { name: Notice.name, schema: NoticeSchema },
      { name: IncidentCallback.name, schema: IncidentCallbackSchema },
      { name: NoticeRun.name, schema: NoticeRunSchema },
    ]),
    BullModule.registerQueue({ name: NOTICES_QUEUE }),
  ],
  controllers: [IncidentsController, CallbacksController],
  providers: [
    PiiCipherService,
    IncidentsRepository,
    NoticesRepository,
    CallbacksRepository,
    CallbacksService,
    IncidentsService,
    IncidentUpdatesService,
    IncidentQueriesService,
    OutageIncidentsService,
    RecordsIncidentsService,
    StormService,
    SubscriptionsService,
    NoticesService,
    PlannedNoticesService,
    NoticeRepairService,
    CallbackRecountService,
    IncidentRepairsService,
    NoticesQueue,
    NoticesProcessor,
    ChatNoticeChannel,
    SmsNoticeChannel,
    {
      provide: NOTICE_CHANNELS,
      inject: [ChatNoticeChannel, SmsNoticeChannel],
      useFactory: (...channels: NoticeChannel[]) => channels,
    },
  ],
  exports: [
    IncidentsService,
    SubscriptionsService,
    CallbacksService,
    IncidentUpdatesService,
    RecordsIncidentsService,
    NoticesService,
    PlannedNoticesService,
  ],
})
export class IncidentsModule {}
