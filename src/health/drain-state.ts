import { Injectable } from '@nestjs/common';

/**
 * Whether this instance is shutting down. Set once, on SIGTERM (or any close): from then on
 * readiness fails, new sockets and new HTTP requests are refused, so the load balancer moves
 * traffic to the other instances while the turns in flight here finish.
 */
@Injectable()
export class DrainState {
  private since?: Date;

  start(): void {
    this.since ??= new Date();
  }

  get draining(): boolean {
    return this.since !== undefined;
  }

  get startedAt(): Date | undefined {
    return this.since;
  }
}
