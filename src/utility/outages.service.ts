import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DomainError } from '../common/domain-error';
import { findDistrict } from '../nlu/service-area';
import { Outage } from './outage.schema';
import { OutageView, toOutageView } from './utility.views';

export interface OutageScope {
  districtCode: string;
  /** Without a feeder, every outage in the district counts. */
  feederId?: string;
}

/** Outages as the outage-management system reports them. The bot reads; it never guesses. */
@Injectable()
export class OutagesService {
  constructor(@InjectModel(Outage.name) private readonly outages: Model<Outage>) {}

  /**
   * Active outages, and planned ones not yet over, that cover the feeder (or the whole district),
   * active first, then by start.
   */
  async findCovering(scope: OutageScope, now = new Date()): Promise<OutageView[]> {
    assertDistrict(scope.districtCode);
    const filter = {
      districtCode: scope.districtCode,
      status: { $in: ['active', 'planned'] },
      ...(scope.feederId !== undefined && {
        $or: [{ wholeDistrict: true }, { feederIds: scope.feederId }],
      }),
    };
    const found = await this.outages.find(filter).sort({ startAt: 1 }).lean<Outage[]>();
    // A planned outage whose window has passed but was never closed by the OMS is not news.
    const current = found.filter(
      (o) =>
        o.status === 'active' || (o.estimatedRestoration ?? o.startAt).getTime() > now.getTime(),
    );
    current.sort((a, b) => Number(b.status === 'active') - Number(a.status === 'active'));
    return current.map(toOutageView);
  }

  /** Planned outages in a district that have not started yet, soonest first. */
  async upcomingPlanned(districtCode: string, now = new Date(), limit = 5): Promise<OutageView[]> {
    assertDistrict(districtCode);
    const found = await this.outages
      .find({ districtCode, status: 'planned', startAt: { $gte: now } })
      .sort({ startAt: 1 })
      .limit(limit)
      .lean<Outage[]>();
    return found.map(toOutageView);
  }

  /**
   * Active unplanned outages (the incidents' records sync opens an incident for each); bounded,
   * off the hot path.
   */
  async activeUnplanned(limit = 200): Promise<OutageView[]> {
    const found = await this.outages
      .find({ kind: 'unplanned', status: 'active' })
      .sort({ startAt: 1 })
      .limit(limit)
      .lean<Outage[]>();
    return found.map(toOutageView);
  }

  async findByNumber(outageNo: string): Promise<OutageView | null> {
    const outage = await this.outages.findOne({ outageNo }).lean<Outage>();
    return outage ? toOutageView(outage) : null;
  }
}

function assertDistrict(code: string): void {
  if (!findDistrict(code)) throw new DomainError('VALIDATION', 'unknown district');
}
