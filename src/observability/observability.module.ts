import { Global, Module } from '@nestjs/common';
import { DbCommandMonitor } from './db-command-monitor';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/** Metrics for operators: one registry, the database command counter, the scrape endpoint. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, DbCommandMonitor],
  exports: [MetricsService],
})
export class ObservabilityModule {}
