import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AgentsModule } from '../agents/agents.module';
import { AuthModule } from '../auth/auth.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { TicketsModule } from '../tickets/tickets.module';
import { AccessLogController } from './access-log.controller';
import { AccessLogEntry, AccessLogSchema } from './access-log.schema';
import { AccessLogService } from './access-log.service';
import { SearchCatchUpService } from './search/search-catch-up.service';
import { SearchCopyService } from './search/search-copy.service';
import { SearchFeedService } from './search/search-feed.service';
import { SearchIndexerListener } from './search/search-indexer.listener';
import { TranscriptSearchController } from './search/transcript-search.controller';
import { TranscriptSearchService } from './search/transcript-search.service';
import { TranscriptSummariesRepository } from './search/transcript-summaries.repository';
import { TranscriptSummariesService } from './search/transcript-summaries.service';
import { MonitorService } from './monitor.service';
import { BotMiss, BotMissSchema } from './reports/bot-miss.schema';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { SupervisorGateway } from './supervisor.gateway';
import { TranscriptsController } from './transcripts.controller';
import { TranscriptsService } from './transcripts.service';

@Module({
  imports: [
    AgentsModule,
    AuthModule,
    ConversationsModule,
    TicketsModule,
    MongooseModule.forFeature([
      { name: AccessLogEntry.name, schema: AccessLogSchema },
      { name: BotMiss.name, schema: BotMissSchema },
    ]),
  ],
  // Search first: TranscriptsController's `:conversationId` would otherwise match "search".
  controllers: [
    TranscriptSearchController,
    TranscriptsController,
    AccessLogController,
    ReportsController,
  ],
  providers: [
    TranscriptsService,
    AccessLogService,
    SupervisorGateway,
    MonitorService,
    ReportsService,
    TranscriptSummariesRepository,
    SearchFeedService,
    SearchCopyService,
    TranscriptSummariesService,
    SearchIndexerListener,
    SearchCatchUpService,
    TranscriptSearchService,
  ],
})
export class AuditModule {}
