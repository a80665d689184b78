import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { MongooseModule } from '@nestjs/mongoose';
import { AgentsModule } from './agents/agents.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ChannelsModule } from './channels/channels.module';
import { ChatModule } from './chat/chat.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { HealthModule } from './health/health.module';
import { ShutdownService } from './health/shutdown.service';
import { ClusterJobsModule } from './jobs/cluster-jobs.module';
import { ObservabilityModule } from './observability/observability.module';
import { RealtimeModule } from './realtime/realtime.module';

/** How long a database call may wait for a lost connection before the caller gets UNAVAILABLE. */
const STORE_TIMEOUT_MS = 3000;

@Module({
  imports: [
    ConfigModule,
    ObservabilityModule,
    EventEmitterModule.forRoot(),
    MongooseModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        uri: config.MONGODB_URI,
        serverSelectionTimeoutMS: STORE_TIMEOUT_MS,
        bufferTimeoutMS: STORE_TIMEOUT_MS,
        // Feeds the round-trip counter (ObservabilityModule).
        monitorCommands: true,
      }),
    }),
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ url: config.REDIS_URL, prefix: config.QUEUE_PREFIX }),
    }),
    ClusterJobsModule,
    AuthModule,
    ChatModule,
    ChannelsModule,
    AgentsModule,
    AuditModule,
    HealthModule,
    RealtimeModule,
  ],
  // In the root module so that it is destroyed first, while everything a turn needs still runs.
  providers: [ShutdownService],
})
export class AppModule {}
