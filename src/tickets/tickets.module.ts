import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthModule } from '../auth/auth.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { Ticket, TicketSchema } from './ticket.schema';
import { TicketClaim, TicketClaimSchema } from './ticket-claim.schema';
import { TicketsController } from './tickets.controller';
import { TicketsProcessor } from './tickets.processor';
import { TicketQueueService } from './ticket-queue.service';
import { TicketsQueryService } from './tickets-query.service';
import { TICKETS_QUEUE } from './tickets.constants';
import { TicketsReconciler } from './tickets.reconciler';
import { TicketsService } from './tickets.service';

@Module({
  imports: [
    AuthModule,
    ConversationsModule,
    MongooseModule.forFeature([
      { name: Ticket.name, schema: TicketSchema },
      { name: TicketClaim.name, schema: TicketClaimSchema },
    ]),
    BullModule.registerQueue({ name: TICKETS_QUEUE }),
  ],
  controllers: [TicketsController],
  providers: [
    TicketsService,
    TicketsQueryService,
    TicketQueueService,
    TicketsProcessor,
    TicketsReconciler,
  ],
  exports: [TicketsService, TicketQueueService],
})
export class TicketsModule {}
