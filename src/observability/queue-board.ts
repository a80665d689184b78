import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bull';
import { INestApplication } from '@nestjs/common';
import { Queue } from 'bull';
import { NextFunction, Request, Response } from 'express';
import { bearerToken } from '../auth/roles.guard';
import { AuthService } from '../auth/auth.service';
import { HTTP_STATUS } from '../common/domain-error';
import { toErrorBody } from '../common/error-mapping';
import { TICKETS_QUEUE } from '../tickets/tickets.constants';
import { CLUSTER_JOBS_QUEUE } from '../jobs/cluster-jobs.constants';

export const QUEUE_BOARD_PATH = '/admin/queues';

/** The Bull queues the board shows (add a queue's name here when one is registered). */
const QUEUES = [TICKETS_QUEUE, CLUSTER_JOBS_QUEUE];

/** Holds the session token for the board's own page loads, which cannot send a header. */
const COOKIE = 'pd_queue_board';

/**
 * @bull-board, read-only (no retry, remove, pause or add), for supervisors only. A supervisor's
 * token (Authorization: Bearer, as for the API) opens it; `POST /admin/queues/session` with that
 * header sets an HttpOnly cookie scoped to the board so a browser can then open the page.
 */
export function mountQueueBoard(app: INestApplication): void {
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: QUEUES.map(
      (name) =>
        new BullAdapter(app.get<Queue>(getQueueToken(name), { strict: false }), {
          readOnlyMode: true,
          allowRetries: false,
        }),
    ),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'PowerDesk queues' } },
  });
  app.use(QUEUE_BOARD_PATH, supervisorsOnly(app.get(AuthService)), boardSession, board.getRouter());
}

function supervisorsOnly(auth: AuthService) {
  return (request: Request, response: Response, next: NextFunction) => {
    const token = bearerToken(request) ?? cookie(request, COOKIE);
    auth
      .authenticate(token)
      .then((principal) => {
        if (principal.role !== 'supervisor') {
          response.status(403).json({
            error: {
              code: 'FORBIDDEN',
              message: 'Only supervisors may see the queues / 仅主管可查看队列',
            },
          });
          return;
        }
        (request as Request & { boardToken?: string }).boardToken = token;
        next();
      })
      .catch((error: unknown) => {
        const body = toErrorBody(error);
        response.status(HTTP_STATUS[body.code]).json({ error: body });
      });
  };
}

/** POST /session sets the board's cookie from the checked token; DELETE clears it. */
function boardSession(request: Request, response: Response, next: NextFunction) {
  if (request.path !== '/session') return next();
  const token = (request as Request & { boardToken?: string }).boardToken ?? '';
  const attributes = `Path=${QUEUE_BOARD_PATH}; HttpOnly; SameSite=Strict${request.secure ? '; Secure' : ''}`;
  if (request.method === 'POST') {
    response.setHeader('Set-Cookie', `${COOKIE}=${encodeURIComponent(token)}; ${attributes}`);
    response.status(204).end();
  } else if (request.method === 'DELETE') {
    response.setHeader('Set-Cookie', `${COOKIE}=; Max-Age=0; ${attributes}`);
    response.status(204).end();
  } else {
    next();
  }
}

function cookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}
