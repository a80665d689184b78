import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AgentsModule } from '../agents/agents.module';
import { AuthModule } from '../auth/auth.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { TicketsModule } from '../tickets/tickets.module';
import { AccessLogController } from './access-log.controller';
import { AccessLogEntry, AccessLogSchema } from './access-log.schema';
import { AccessLogService } from './access-log.service';
import { MonitorService } from './monitor.service';
import { SupervisorGateway } from './supervisor.gateway';
import { TranscriptsController } from './transcripts.controller';
import { TranscriptsService } from './transcripts.service';

@Module({
  imports: [
    AgentsModule,
    AuthModule,
    ConversationsModule,
    TicketsModule,
    MongooseModule.forFeature([{ name: AccessLogEntry.name, schema: AccessLogSchema }]),
  ],
  controllers: [TranscriptsController, AccessLogController],
  providers: [TranscriptsService, AccessLogService, SupervisorGateway, MonitorService],
})
export class AuditModule {}
