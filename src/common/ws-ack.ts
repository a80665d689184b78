import { ErrorBody } from './domain-error';

/** Every socket command is acknowledged with one of these two shapes. */
export type Ack<T> = ({ ok: true } & T) | { ok: false; error: ErrorBody };

export function okAck<T extends object>(body: T): Ack<T> {
  return { ok: true, ...body };
}

export function errorAck(error: ErrorBody): { ok: false; error: ErrorBody } {
  return { ok: false, error };
}
