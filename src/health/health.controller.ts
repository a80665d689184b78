import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { NluService } from '../nlu/nlu.service';
import { DrainState } from './drain-state';
import { StorePings } from './store-pings';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly pings: StorePings,
    private readonly nlu: NluService,
    private readonly terminus: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly drain: DrainState,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Reachability of MongoDB and Redis (503 when either is down), and the NLU mode: fast-only, ' +
      'encoder-loading or cascade (any of them serves: the fast model answers without the encoder)',
  })
  async check(@Res({ passthrough: true }) response: Response) {
    const [mongodb, redis] = await Promise.all([this.pings.mongodb(), this.pings.redis()]);
    const ok = mongodb && redis;
    response.status(ok ? 200 : 503);
    return {
      status: ok ? 'ok' : 'degraded',
      mongodb: mongodb ? 'up' : 'down',
      redis: redis ? 'up' : 'down',
      nlu: this.nlu.mode(),
    };
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process runs and its event loop answers (no store)' })
  live() {
    return this.terminus.check([]);
  }

  @Get('ready')
  @ApiOperation({
    summary:
      'Readiness: 503 while MongoDB or Redis does not answer a ping within 1 s, or while the ' +
      'instance drains before it stops (SIGTERM)',
  })
  async ready(@Res({ passthrough: true }) response: Response) {
    try {
      return await this.terminus.check([
        () => this.indicator('drain', !this.drain.draining),
        async () => this.indicator('mongodb', await this.pings.mongodb()),
        async () => this.indicator('redis', await this.pings.redis()),
      ]);
    } catch (error) {
      // Terminus's own body (which check failed) rather than the generic error envelope.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse();
    }
  }

  private indicator(key: string, up: boolean) {
    const check = this.indicators.check(key);
    return up ? check.up() : check.down();
  }
}
