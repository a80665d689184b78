import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectModel } from '@nestjs/mongoose';
import { randomBytes } from 'crypto';
import { Model } from 'mongoose';
import { fill } from '../common/bilingual';
import { DomainError } from '../common/domain-error';
import { hashToken, newToken } from '../common/tokens';
import { AUTH_TEXTS, both } from './auth.texts';
import { AuthEvents, LoginLockedEvent } from './auth.events';
import { LoginThrottleService, ThrottleScope } from './login-throttle.service';
import { ThrottleVerdict } from './login-throttle.policy';
import { hashPassword, verifyPassword } from './password';
import { Principal } from './principal';
import { SessionSocket, SessionSocketsService } from './session-sockets.service';
import { Role, Session, Staff, StaffDocument } from './staff.schema';

/** A session lasts this long from login; then every request and socket needs a new login. */
export const SESSION_HOURS = 12;

export interface NewStaff {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  languages?: string[];
  skills?: string[];
  permissions?: string[];
  capacity?: number;
}

export interface LiveSession {
  principal: Principal;
  /** The session's key (the token's hash), as revocations name it. */
  sessionId: string;
  expiresAt: Date;
}

/** Token login for the desk: a bearer token per session, stored only as a hash. */
@Injectable()
export class AuthService {
  /** Checked against when the username is unknown, so both answers take one scrypt. */
  private readonly dummyHash = hashPassword(randomBytes(16).toString('hex'));

  constructor(
    @InjectModel(Staff.name) private readonly staff: Model<Staff>,
    @InjectModel(Session.name) private readonly sessions: Model<Session>,
    private readonly throttle: LoginThrottleService,
    private readonly events: EventEmitter2,
    private readonly sockets: SessionSocketsService,
  ) {}

  async login(
    username: string,
    password: string,
    ip = 'unknown',
  ): Promise<{ token: string; principal: Principal }> {
    // The address first: one client trying many names is stopped before any name's count moves.
    await this.admit('ip', ip, username, ip);
    await this.admit('user', username, username, ip);
    const member = await this.staff.findOne({ username });
    // The same answer, in the same time, for an unknown user and a wrong password.
    const right = verifyPassword(password, member?.passwordHash ?? this.dummyHash);
    if (!member || !right) throw new DomainError('UNAUTHENTICATED', both(AUTH_TEXTS.wrongLogin));
    await this.throttle.succeeded(username, ip);
    const token = newToken();
    await this.sessions.create({
      _id: hashToken(token),
      staffId: member.id as string,
      expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000),
    });
    return { token, principal: toPrincipal(member) };
  }

  async authenticate(token: unknown): Promise<Principal> {
    return (await this.session(token)).principal;
  }

  async session(token: unknown): Promise<LiveSession> {
    if (typeof token !== 'string' || token.length < 16 || token.length > 200) {
      throw new DomainError('UNAUTHENTICATED', 'A valid token is required');
    }
    const session = await this.sessions.findById(hashToken(token));
    const live = session && session.expiresAt > new Date() ? session : null;
    const member = live ? await this.staff.findById(live.staffId) : null;
    if (!live || !member)
      throw new DomainError('UNAUTHENTICATED', 'Session expired or unknown; log in again');
    return { principal: toPrincipal(member), sessionId: live._id, expiresAt: live.expiresAt };
  }

  /** A staff socket is closed when its session ends (see SessionSocketsService). */
  watch(socket: SessionSocket, session: LiveSession): void {
    this.sockets.track(socket, session.sessionId, session.expiresAt);
  }

  /** Ends the caller's session; its sockets are told (AuthEvents.sessionsEnded) and closed. */
  async logout(token: string): Promise<void> {
    const sessionId = hashToken(token);
    await this.sessions.deleteOne({ _id: sessionId });
    this.events.emit(AuthEvents.sessionsEnded, { sessionIds: [sessionId] });
  }

  /** Ends every session of one staff member (a supervisor's revoke); returns how many. */
  async revokeAll(staffId: string): Promise<number> {
    const ended = await this.sessions.find({ staffId }, { _id: 1 }).lean();
    const sessionIds = ended.map((s) => s._id);
    if (sessionIds.length > 0) await this.sessions.deleteMany({ _id: { $in: sessionIds } });
    this.events.emit(AuthEvents.sessionsEnded, { sessionIds });
    return sessionIds.length;
  }

  /** An agent by id (a transfer's target), or null when there is no such agent. */
  async findAgent(staffId: string): Promise<Principal | null> {
    if (!/^[0-9a-f]{24}$/.test(staffId)) return null;
    const member = await this.staff.findById(staffId);
    return member && member.role === 'agent' ? toPrincipal(member) : null;
  }

  async exists(staffId: string): Promise<boolean> {
    return /^[0-9a-f]{24}$/.test(staffId) && (await this.staff.exists({ _id: staffId })) !== null;
  }

  /** Creates or updates a staff member by username (used by the demo seed). */
  async upsertStaff(input: NewStaff): Promise<Principal> {
    const member = await this.staff.findOneAndUpdate(
      { username: input.username },
      {
        $set: {
          displayName: input.displayName,
          role: input.role,
          passwordHash: hashPassword(input.password),
          languages: input.languages ?? [],
          skills: input.skills ?? [],
          permissions: input.permissions ?? [],
          ...(input.capacity !== undefined && { capacity: input.capacity }),
        },
      },
      { upsert: true, new: true },
    );
    return toPrincipal(member);
  }

  private async admit(scope: ThrottleScope, who: string, username: string, ip: string) {
    const verdict: ThrottleVerdict = await this.throttle.attempt(scope, who);
    if (verdict.kind === 'go') return;
    const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
    if (verdict.kind === 'locked' && verdict.justNow) {
      const member = await this.staff.findOne({ username }, { _id: 1 }).lean();
      this.events.emit(AuthEvents.loginLocked, {
        scope,
        username,
        ip,
        ...(member && { staffId: String(member._id) }),
        lockedForSeconds: seconds,
      } satisfies LoginLockedEvent);
    }
    const message =
      verdict.kind === 'locked'
        ? fill(both(AUTH_TEXTS.locked), { minutes: Math.ceil(seconds / 60) })
        : fill(both(AUTH_TEXTS.slowDown), { seconds });
    throw new DomainError('RATE_LIMITED', message, {
      retryAfterSeconds: seconds,
      locked: verdict.kind === 'locked',
    });
  }
}

function toPrincipal(member: StaffDocument): Principal {
  return {
    id: member.id as string,
    username: member.username,
    displayName: member.displayName,
    role: member.role,
    languages: [...member.languages],
    skills: [...member.skills],
    permissions: [...(member.permissions ?? [])],
    ...(member.capacity !== undefined && { capacity: member.capacity }),
  };
}
