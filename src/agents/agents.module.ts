import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { TicketsModule } from '../tickets/tickets.module';
import { AgentDeskService } from './agent-desk.service';
import { AgentGateway } from './agent.gateway';

@Module({
  imports: [AuthModule, ConversationsModule, TicketsModule],
  providers: [AgentDeskService, AgentGateway],
})
export class AgentsModule {}
