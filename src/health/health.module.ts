import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module';
import { HealthController } from './health.controller';

@Module({ imports: [TicketsModule], controllers: [HealthController] })
export class HealthModule {}
