import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ConversationsModule } from '../conversations/conversations.module';
import { Assignment, AssignmentSchema } from './assignment.schema';
import { Ticket, TicketSchema } from './ticket.schema';
import { TicketOfferProcessor } from './ticket-offer.processor';
import { TicketQueueService } from './ticket-queue.service';
import { TICKETS_QUEUE } from './tickets.constants';
import { TicketsReconciler } from './tickets.reconciler';
import { TicketsService } from './tickets.service';

@Module({
  imports: [
    ConversationsModule,
    MongooseModule.forFeature([
      { name: Ticket.name, schema: TicketSchema },
      { name: Assignment.name, schema: AssignmentSchema },
    ]),
    BullModule.registerQueue({ name: TICKETS_QUEUE }),
  ],
  providers: [TicketsService, TicketQueueService, TicketOfferProcessor, TicketsReconciler],
  exports: [TicketsService, TicketQueueService],
})
export class TicketsModule {}
