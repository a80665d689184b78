import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthModule } from '../auth/auth.module';
import { PiiCipherService } from '../common/pii-cipher.service';
import { ConversationsModule } from '../conversations/conversations.module';
import { AccountHistory, AccountHistorySchema } from './account-history.schema';
import { AccountHistoryService } from './account-history.service';
import { HandleTimes, HandleTimesSchema } from './handle-times.schema';
import { HandleTimesRepository } from './handle-times.repository';
import { HandleTimesService } from './handle-times.service';
import { Ticket, TicketSchema } from './ticket.schema';
import { TicketsController } from './tickets.controller';
import { TicketsProcessor } from './tickets.processor';
import { TicketQueueService } from './ticket-queue.service';
import { TicketsQueryService } from './tickets-query.service';
import { TICKETS_QUEUE } from './tickets.constants';
import { TicketsReconciler } from './tickets.reconciler';
import { TicketEventsService } from './ticket-events.service';
import { TicketPrivacyService } from './ticket-privacy.service';
import { TicketSlaService } from './ticket-sla.service';
import { TicketsService } from './tickets.service';
import { TicketCustomerService } from './ticket-customer.service';
import { TicketHandlingService } from './ticket-handling.service';
import { TicketOffersService } from './ticket-offers.service';
import { TicketsRepository } from './tickets.repository';

@Module({
  imports: [
    AuthModule,
    ConversationsModule,
    MongooseModule.forFeature([
      { name: Ticket.name, schema: TicketSchema },
      { name: AccountHistory.name, schema: AccountHistorySchema },
      { name: HandleTimes.name, schema: HandleTimesSchema },
    ]),
    BullModule.registerQueue({ name: TICKETS_QUEUE }),
  ],
  controllers: [TicketsController],
  providers: [
    PiiCipherService,
    TicketsRepository,
    HandleTimesRepository,
    HandleTimesService,
    TicketEventsService,
    TicketSlaService,
    TicketPrivacyService,
    TicketsService,
    TicketOffersService,
    TicketHandlingService,
    TicketCustomerService,
    TicketsQueryService,
    TicketQueueService,
    TicketsProcessor,
    TicketsReconciler,
    AccountHistoryService,
  ],
  exports: [
    TicketsQueryService,
    AccountHistoryService,
    TicketPrivacyService,
    TicketsService,
    TicketOffersService,
    TicketHandlingService,
    TicketCustomerService,
    TicketQueueService,
  ],
})
export class TicketsModule {}
