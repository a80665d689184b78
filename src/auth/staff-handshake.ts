import { Socket } from 'socket.io';
import { toErrorBody } from '../common/error-mapping';
import { AuthService } from './auth.service';
import { Principal } from './principal';
import { Role } from './staff.schema';

/**
 * socket.io middleware that lets only authenticated staff of one role past the handshake, so no
 * event can arrive from an unknown caller.
 */
export function staffHandshake(auth: AuthService, role: Role) {
  return (socket: Socket, next: (error?: Error) => void) => {
    const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
    auth
      .authenticate(token)
      .then((principal) => {
        if (principal.role !== role) {
          return next(
            Object.assign(new Error(`Only ${role}s may connect here`), {
              data: { code: 'FORBIDDEN' },
            }),
          );
        }
        (socket.data as { staff: Principal }).staff = principal;
        next();
      })
      .catch((error: unknown) => {
        const body = toErrorBody(error);
        next(Object.assign(new Error(body.message), { data: { code: body.code } }));
      });
  };
}
