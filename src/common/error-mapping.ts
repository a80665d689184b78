import { HttpException, Logger } from '@nestjs/common';
import { DomainError, ErrorBody, ErrorCode } from './domain-error';

const logger = new Logger('Errors');

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'TOO_LARGE',
  503: 'UNAVAILABLE',
};

function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // mongoose buffers operations while disconnected and then times out; the driver raises
  // MongoServerSelectionError / MongoNetworkError. Either way the store is down, not the request bad.
  return (
    /^Mongo(ServerSelection|Network|NotConnected|Topology)/.test(error.name) ||
    /buffering timed out|ECONNREFUSED|Connection is closed|client is closed/i.test(error.message)
  );
}

/** Turns anything thrown into the body an edge sends back; unknown errors are logged once. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof DomainError) {
    return { code: error.code, message: error.message, details: error.details };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? [response.message].flat().join('; ')
        : error.message;
    return { code: STATUS_CODES[status] ?? (status < 500 ? 'VALIDATION' : 'INTERNAL'), message };
  }
  if (isDatabaseUnavailable(error)) {
    logger.warn(`storage unavailable: ${(error as Error).name}`);
    return { code: 'UNAVAILABLE', message: 'Storage is unavailable; please retry shortly' };
  }
  if (error instanceof Error && error.name === 'CastError') {
    return { code: 'VALIDATION', message: 'Malformed id' };
  }
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return { code: 'INTERNAL', message: 'Internal error' };
}
