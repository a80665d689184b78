import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Principal } from '../auth/principal';
import { AccessLogEntry } from './access-log.schema';

@Injectable()
export class AccessLogService {
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
