import { Global, Module } from '@nestjs/common';
import { RedisService } from './redis.service';
import { VerificationAttemptsService } from './verification-attempts.service';

/** Shared Redis state (one pair of connections per process), for any module that needs it. */
@Global()
@Module({
  providers: [RedisService, VerificationAttemptsService],
  exports: [RedisService, VerificationAttemptsService],
})
export class RedisModule {}
