import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { NluModule } from '../nlu/nlu.module';
import { TicketsModule } from '../tickets/tickets.module';
import { DrainState } from './drain-state';
import { HealthController } from './health.controller';
import { StorePings } from './store-pings';

/** Liveness, readiness and the drain flag that readiness, sockets and HTTP read on shutdown. */
@Module({
  // A failed readiness probe is an answer, not an incident: terminus logs nothing itself.
  imports: [TerminusModule.forRoot({ logger: false }), TicketsModule, NluModule],
  controllers: [HealthController],
  providers: [StorePings, DrainState],
  exports: [DrainState],
})
export class HealthModule {}
