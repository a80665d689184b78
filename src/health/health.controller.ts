import { Controller, Get, Res } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Connection } from 'mongoose';
import { NluService } from '../nlu/nlu.service';
import { TicketQueueService } from '../tickets/ticket-queue.service';

const PING_TIMEOUT_MS = 1000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectConnection() private readonly mongo: Connection,
    private readonly queue: TicketQueueService,
    private readonly nlu: NluService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Reachability of MongoDB and Redis (503 when either is down), and the NLU mode: fast-only, ' +
      'encoder-loading or cascade (any of them serves: the fast model answers without the encoder)',
  })
  async check(@Res({ passthrough: true }) response: Response) {
    const [mongodb, redis] = await Promise.all([this.pingMongo(), this.queue.ping()]);
    const ok = mongodb && redis;
    response.status(ok ? 200 : 503);
    return {
      status: ok ? 'ok' : 'degraded',
      mongodb: mongodb ? 'up' : 'down',
      redis: redis ? 'up' : 'down',
      nlu: this.nlu.mode(),
    };
  }

  private async pingMongo(): Promise<boolean> {
    const db = this.mongo.db;
    if (this.mongo.readyState !== 1 || !db) return false;
    const timeout = new Promise<false>((resolve) =>
      setTimeout(() => resolve(false), PING_TIMEOUT_MS).unref(),
    );
    const ping = db
      .command({ ping: 1 })
      .then((r) => r.ok === 1)
      .catch(() => false);
    return Promise.race([ping, timeout]);
  }
}
