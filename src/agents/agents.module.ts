import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { TicketsModule } from '../tickets/tickets.module';
import { UtilityModule } from '../utility/utility.module';
import { AgentDeskService } from './agent-desk.service';
import { AgentPresenceService } from './agent-presence.service';
import { DispatchLease } from './dispatch-lease';
import { PresenceStore } from './presence-store';
import { AgentGateway } from './agent.gateway';
import { DispatcherService } from './dispatcher.service';
import { ServiceSettingsController } from './service-settings.controller';

@Module({
  imports: [AuthModule, ConversationsModule, TicketsModule, UtilityModule],
  controllers: [ServiceSettingsController],
  providers: [
    AgentDeskService,
    AgentGateway,
    AgentPresenceService,
    PresenceStore,
    DispatchLease,
    DispatcherService,
  ],
  exports: [AgentPresenceService],
})
export class AgentsModule {}
