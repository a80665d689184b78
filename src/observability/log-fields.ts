import { maskPii } from '../common/pii-masker';

/** Which conversation or ticket a log line is about: fields a log search can filter on. */
export interface LogSubject {
  conversationId?: string;
  ticketId?: string;
}

/**
 * A log line about a conversation or a ticket, for Nest's Logger: `logger.warn(about({
 * conversationId }, 'turn failed'))` becomes one JSON line with `conversationId` beside `msg`
 * (nestjs-pino merges an object message into the line). The text is masked here too, so a
 * call site that forgets cannot leak a number through it.
 */
export function about(subject: LogSubject, text: string): LogSubject & { msg: string } {
  return { ...subject, msg: maskPii(text).text };
}
