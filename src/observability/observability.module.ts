import { Global, Module } from '@nestjs/common';
import { DbCommandMonitor } from './db-command-monitor';
import { DeskMetricsListener } from './desk-metrics.listener';
import { IoServers } from './io-servers';
import { LoggingModule } from './logging.module';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/** For operators: JSON logs, one metrics registry, the database command counter, the scrape endpoint. */
@Global()
@Module({
  imports: [LoggingModule],
  controllers: [MetricsController],
  providers: [MetricsService, DbCommandMonitor, IoServers, DeskMetricsListener],
  exports: [MetricsService, IoServers],
})
export class ObservabilityModule {}
