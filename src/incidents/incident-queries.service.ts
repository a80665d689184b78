import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { CallbackView } from './callback.views';
import { CallbacksService } from './callbacks.service';
import { IncidentReportView, IncidentView, toIncidentView, toReportView } from './incident.views';
import { IncidentsRepository } from './incidents.repository';
import { NoticesService } from './notices.service';
import { SubscriptionsService } from './subscriptions.service';

const LIST_LIMIT = 100;
const REPORTS_LIMIT = 500;

export interface IncidentDetail {
  incident: IncidentView;
  reports: IncidentReportView[];
  subscriptions: number;
  /** Numbers masked. */
  callbacks: CallbackView[];
  notices: { sent: number; pending: number; skipped: number };
}

/** What staff read about incidents: lists and one incident with its reports. Read-only. */
@Injectable()
export class IncidentQueriesService {
  constructor(
    private readonly repository: IncidentsRepository,
    private readonly subscriptions: SubscriptionsService,
    private readonly notices: NoticesService,
    private readonly callbacks: CallbacksService,
  ) {}

  async list(all: boolean): Promise<IncidentView[]> {
    const found = all
      ? await this.repository.listRecent(LIST_LIMIT)
      : await this.repository.listOpen(LIST_LIMIT);
    return found.map(toIncidentView);
  }

  async detail(id: string): Promise<IncidentDetail> {
    const incident = await this.repository.get(id);
    if (!incident) throw new DomainError('NOT_FOUND', 'No such incident');
    const [reports, subscriptions, callbacks, notices] = await Promise.all([
      this.repository.reportsOf(id, REPORTS_LIMIT),
      this.subscriptions.countActive(id),
      this.callbacks.of(id),
      this.notices.noticesOf(id),
    ]);
    const count = (status: string) => notices.filter((n) => n.status === status).length;
    return {
      incident: toIncidentView(incident),
      reports: reports.map(toReportView),
      subscriptions,
      callbacks,
      notices: { sent: count('sent'), pending: count('pending'), skipped: count('skipped') },
    };
  }
}
