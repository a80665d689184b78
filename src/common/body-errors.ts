import { NextFunction, Request, Response } from 'express';
import { DomainError, ErrorBody, HTTP_STATUS } from './domain-error';
import { MAX_PAYLOAD_DEPTH, nestsDeeperThan, TOO_DEEP_MESSAGE } from './payload-depth';

function send(response: Response, error: ErrorBody): void {
  response.status(HTTP_STATUS[error.code]).json({ error });
}

/**
 * The JSON parser's refusals as the API's own errors: a body over the limit is a 413
 * TOO_LARGE and malformed JSON a 400, not an INTERNAL with a stack trace in the log.
 */
export function bodyParserErrors(limit: string) {
  return (error: unknown, _request: Request, response: Response, next: NextFunction) => {
    const type = (error as { type?: unknown } | null)?.type;
    if (type === 'entity.too.large') {
      return send(response, { code: 'TOO_LARGE', message: `Request body over ${limit}` });
    }
    if (
      type === 'entity.parse.failed' ||
      type === 'encoding.unsupported' ||
      type === 'charset.unsupported'
    ) {
      return send(response, { code: 'VALIDATION', message: 'Request body is not valid JSON' });
    }
    next(error);
  };
}

/** A body nested deeper than any payload of ours is refused before validation walks it. */
export function refuseDeepBodies(request: Request, response: Response, next: NextFunction) {
  if (!nestsDeeperThan(request.body, MAX_PAYLOAD_DEPTH)) return next();
  const error = new DomainError('TOO_DEEP', TOO_DEEP_MESSAGE);
  send(response, { code: error.code, message: error.message });
}
