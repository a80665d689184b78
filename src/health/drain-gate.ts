import { NextFunction, Request, Response } from 'express';
import { DrainState } from './drain-state';

/** Paths that keep answering while the instance drains: probes and the last scrape. */
const ALWAYS = /^\/(health|metrics)(\/|$)/;

/**
 * Express middleware: while the instance drains, a new HTTP request is answered 503 with
 * `Connection: close` (the load balancer retries it on another instance); probes still answer.
 */
export function drainGate(drain: DrainState) {
  return (request: Request, response: Response, next: NextFunction) => {
    if (!drain.draining || ALWAYS.test(request.path)) return next();
    response.setHeader('Connection', 'close');
    response.setHeader('Retry-After', '1');
    response.status(503).json({
      error: {
        code: 'UNAVAILABLE',
        message: 'This instance is shutting down; please retry / 本服务实例正在停止，请重试',
      },
    });
  };
}
