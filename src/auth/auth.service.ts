import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DomainError } from '../common/domain-error';
import { hashToken, newToken } from '../common/tokens';
import { hashPassword, verifyPassword } from './password';
import { Principal } from './principal';
import { Role, Session, Staff, StaffDocument } from './staff.schema';

const SESSION_HOURS = 12;

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

/** Simple token login for the desk: a bearer token per session, stored only as a hash. */
@Injectable()
export class AuthService {
  constructor(
    @InjectModel(Staff.name) private readonly staff: Model<Staff>,
    @InjectModel(Session.name) private readonly sessions: Model<Session>,
  ) {}

  async login(
    username: string,
    password: string,
  ): Promise<{ token: string; principal: Principal }> {
    const member = await this.staff.findOne({ username });
    // The same answer for an unknown user and a wrong password: no probing for usernames.
    if (!member || !verifyPassword(password, member.passwordHash)) {
      throw new DomainError('UNAUTHENTICATED', 'Wrong username or password');
    }
    const token = newToken();
    await this.sessions.create({
      _id: hashToken(token),
      staffId: member.id as string,
      expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000),
    });
    return { token, principal: toPrincipal(member) };
  }

  async authenticate(token: unknown): Promise<Principal> {
    if (typeof token !== 'string' || token.length < 16 || token.length > 200) {
      throw new DomainError('UNAUTHENTICATED', 'A valid token is required');
    }
    const session = await this.sessions.findById(hashToken(token));
    const live = session && session.expiresAt > new Date() ? session : null;
    const member = live ? await this.staff.findById(live.staffId) : null;
    if (!member)
      throw new DomainError('UNAUTHENTICATED', 'Session expired or unknown; log in again');
    return toPrincipal(member);
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
