import { Socket } from 'socket.io';
import { toErrorBody } from '../common/error-mapping';
import { AuthService } from './auth.service';
import { Principal } from './principal';
import { Role } from './staff.schema';

/**
 * socket.io middleware that lets only authenticated staff of one role past the handshake, so no
 * event can arrive from an unknown caller. The socket is then closed when its session ends.
 */
export function staffHandshake(auth: AuthService, role: Role) {
  return (socket: Socket, next: (error?: Error) => void) => {
    const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
    auth
      .session(token)
      .then((session) => {
        if (session.principal.role !== role) {
          return next(
            Object.assign(new Error(`Only ${role}s may connect here`), {
              data: { code: 'FORBIDDEN' },
            }),
          );
        }
        (socket.data as { staff: Principal }).staff = session.principal;
        auth.watch(socket, session);
        next();
      })
      .catch((error: unknown) => {
        const body = toErrorBody(error);
        next(Object.assign(new Error(body.message), { data: { code: body.code } }));
      });
  };
}
