import { randomUUID } from 'crypto';
import { IncomingMessage, ServerResponse } from 'http';
import { LevelWithSilent, stdSerializers } from 'pino';
import { Options } from 'pino-http';
import { maskPii, maskPiiDeep } from '../common/pii-masker';
import { AppConfig } from '../config/app-config';

/** Nest's level names (LOG_LEVEL) as pino's. */
const PINO_LEVEL: Record<AppConfig['LOG_LEVEL'], LevelWithSilent> = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Secrets removed by key wherever they sit (pino's `redact`, applied after the serializers):
 * session tokens in headers and cookies, passwords and tokens in any logged object.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'password',
  'token',
  'resumeToken',
  '*.password',
  '*.token',
  '*.resumeToken',
  '*.secret',
  '*.*.password',
  '*.*.token',
];

/** An id a proxy sent us is kept (one id across nginx and replicas) when it looks like one. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Ids a request's path names: `/transcripts/<conversationId>...`, `/tickets/<ticketId>`. */
export function idsInPath(url: string): { conversationId?: string; ticketId?: string } {
  const path = url.split('?')[0];
  const conversation = /^\/transcripts\/([0-9a-f]{24})(\/|$)/.exec(path);
  const ticket = /^\/tickets\/([0-9a-f]{24})(\/|$)/.exec(path);
  return {
    ...(conversation && { conversationId: conversation[1] }),
    ...(ticket && { ticketId: ticket[1] }),
  };
}

/**
 * Personal numbers out of a log call's arguments: the message string and every string inside
 * the merging object. Errors, requests and responses are left to their serializers.
 */
export function maskLogArguments(args: unknown[]): unknown[] {
  return args.map((arg) => {
    if (typeof arg === 'string') return maskPii(arg).text;
    if (arg === null || typeof arg !== 'object' || arg instanceof Error) return arg;
    return Object.fromEntries(Object.entries(arg).map(([key, value]) => [key, maskValue(value)]));
  });
}

function maskValue(value: unknown): unknown {
  if (
    value instanceof Error ||
    value instanceof IncomingMessage ||
    value instanceof ServerResponse
  ) {
    return value;
  }
  return maskPiiDeep(value);
}

/**
 * pino-http's options: JSON lines at LOG_LEVEL, a request id on every HTTP line (and on every
 * log line made while serving it), the conversation or ticket the path names, secrets redacted
 * and personal numbers masked in messages, URLs, queries and errors.
 */
export function logOptions(level: AppConfig['LOG_LEVEL']): Options {
  return {
    level: PINO_LEVEL[level],
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    genReqId: (req, res) => {
      const sent = req.headers['x-request-id'];
      const id = typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    customProps: (req) => idsInPath(req.url ?? ''),
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    // Probes and scrapes every few seconds would drown the requests that matter.
    autoLogging: { ignore: (req) => /^\/(health|metrics)(\/|$|\?)/.test(req.url ?? '') },
    serializers: {
      req: (req: Record<string, unknown>) => maskPiiDeep(req),
      err: (error: Error) => maskPiiDeep(stdSerializers.err(error)),
    },
    hooks: {
      logMethod(args, method) {
        method.apply(this, maskLogArguments(args) as Parameters<typeof method>);
      },
    },
  };
}
