import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ConversationsModule } from '../conversations/conversations.module';
import { Ticket, TicketSchema } from './ticket.schema';
import { TicketClaim, TicketClaimSchema } from './ticket-claim.schema';
import { TicketsProcessor } from './tickets.processor';
import { TicketQueueService } from './ticket-queue.service';
import { TICKETS_QUEUE } from './tickets.constants';
import { TicketsReconciler } from './tickets.reconciler';
import { TicketsService } from './tickets.service';

@Module({
  imports: [
    ConversationsModule,
    MongooseModule.forFeature([
      { name: Ticket.name, schema: TicketSchema },
      { name: TicketClaim.name, schema: TicketClaimSchema },
    ]),
    BullModule.registerQueue({ name: TICKETS_QUEUE }),
  ],
  providers: [TicketsService, TicketQueueService, TicketsProcessor, TicketsReconciler],
  exports: [TicketsService, TicketQueueService],
})
export class TicketsModule {}
