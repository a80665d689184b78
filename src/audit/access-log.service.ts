import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AuthEvents, LoginLockedEvent } from '../auth/auth.events';
import { Principal } from '../auth/principal';
import { maskPii } from '../common/pii-masker';
import { AccessLogEntry } from './access-log.schema';

@Injectable()
export class AccessLogService {
  private readonly logger = new Logger(AccessLogService.name);

  constructor(@InjectModel(AccessLogEntry.name) private readonly log: Model<AccessLogEntry>) {}

  /** Written before the data is returned: a read that cannot be logged does not happen. */
  async record(who: Principal, action: string, target: string, reason?: string): Promise<void> {
    await this.log.create({
      staffId: who.id,
      username: who.username,
      action,
      target,
      ...(reason && { reason }),
    });
  }

  /**
   * A login locked after too many failures: by name (the staff member's, when it is one) or by
   * client address. The name is as typed, masked like any text.
   */
  @OnEvent(AuthEvents.loginLocked, { promisify: true })
  async recordLockout(event: LoginLockedEvent): Promise<void> {
    const username = maskPii(event.username.slice(0, 64)).text;
    await this.log
      .create({
        staffId: event.staffId ?? '-',
        username,
        action: 'login.locked',
        target: event.scope === 'user' ? `login:user:${username}` : `login:ip:${event.ip}`,
        reason: `locked for ${event.lockedForSeconds} s after too many failed logins from ${event.ip}`,
      })
      .catch((error: Error) => this.logger.error(`lockout not logged: ${error.message}`));
  }

  /** Newest first. The service offers no way to change or delete an entry. */
  async list(filter: { target?: string; staffId?: string }, limit: number) {
    const query = {
      ...(filter.target !== undefined && { target: filter.target }),
      ...(filter.staffId !== undefined && { staffId: filter.staffId }),
    };
    const entries = await this.log.find(query).sort({ at: -1 }).limit(limit).lean();
    return entries.map((e) => ({
      staffId: e.staffId,
      username: e.username,
      action: e.action,
      target: e.target,
      ...(e.reason !== undefined && { reason: e.reason }),
      at: e.at.toISOString(),
    }));
  }
}
