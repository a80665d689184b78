import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { WsException } from '@nestjs/websockets';
import { Socket } from 'socket.io';
import { DomainError } from './domain-error';
import { toErrorBody } from './error-mapping';
import { errorAck } from './ws-ack';

/**
 * Every failed socket command is answered through its ack when the client gave one (the
 * protocol asks clients to), otherwise with an `error:occurred` event, never by a silent drop.
 */
@Catch()
export class WsErrorFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const args = host.getArgs<unknown[]>();
    const client = host.switchToWs().getClient<Socket>();
    const cause =
      error instanceof WsException ? new DomainError('VALIDATION', String(error.message)) : error;
    const body = errorAck(toErrorBody(cause));
    const ack = args.find((a, i) => i > 0 && typeof a === 'function') as
      ((r: unknown) => void) | undefined;
    if (ack) ack(body);
    else client.emit('error:occurred', { ...body, event: host.switchToWs().getPattern() });
  }
}
