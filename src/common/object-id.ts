import { Types } from 'mongoose';
import { DomainError } from './domain-error';

/** Parses an id from the outside world; a malformed one is the caller's error, not a 500. */
export function parseObjectId(value: unknown, what: string): Types.ObjectId {
  if (typeof value !== 'string' || !/^[0-9a-f]{24}$/i.test(value)) {
    throw new DomainError('VALIDATION', `${what} is not a valid id`);
  }
  return new Types.ObjectId(value);
}
