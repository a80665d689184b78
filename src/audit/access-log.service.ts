import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Principal } from '../auth/principal';
import { AccessLogEntry } from './access-log.schema';

@Injectable()
export class AccessLogService {
  constructor(@InjectModel(AccessLogEntry.name) private readonly log: Model<AccessLogEntry>) {}

  /** Written before the data is returned: a read that cannot be logged does not happen. */
  async record(who: Principal, action: string, target: string): Promise<void> {
    await this.log.create({ staffId: who.id, username: who.username, action, target });
  }

  async forTarget(target: string) {
    const entries = await this.log.find({ target }).sort({ at: -1 }).limit(100).lean();
    return entries.map((e) => ({
      staffId: e.staffId,
      username: e.username,
      action: e.action,
      at: e.at.toISOString(),
    }));
  }
}
