import { Module } from '@nestjs/common';
import { NluModule } from '../nlu/nlu.module';
import { TicketsModule } from '../tickets/tickets.module';
import { HealthController } from './health.controller';

@Module({ imports: [TicketsModule, NluModule], controllers: [HealthController] })
export class HealthModule {}
