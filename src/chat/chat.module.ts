import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module';
import { DialogueModule } from '../dialogue/dialogue.module';
import { TicketsModule } from '../tickets/tickets.module';
import { AddressLimitsService } from './address-limits.service';
import { AdmissionService } from './admission.service';
import { BotTurnRecovery } from './bot-turn-recovery.service';
import { BotTurnsService } from './bot-turns.service';
import { ChatService } from './chat.service';
import { CustomerGateway } from './customer.gateway';
import { WidgetBrandingController } from './widget-branding.controller';

@Module({
  imports: [ConversationsModule, DialogueModule, TicketsModule],
  controllers: [WidgetBrandingController],
  providers: [
    ChatService,
    BotTurnsService,
    BotTurnRecovery,
    AdmissionService,
    AddressLimitsService,
    CustomerGateway,
  ],
  exports: [ChatService, BotTurnsService],
})
export class ChatModule {}
