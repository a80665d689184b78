import { Bilingual } from '../common/bilingual';
import { Incident, IncidentReport } from './incident.schema';
import { IncidentStatus } from './incident-status';
import { areaName, IncidentWording } from './notice-texts';

/** An incident as the dialogue, staff and notices see it. */
export interface IncidentView extends IncidentWording {
  /** The area in words (district, and feeder), for staff pages. */
  area: Bilingual;
  status: IncidentStatus;
  confirmed: boolean;
  outageNo?: string;
  accountCount: number;
  /** The records' count of customers out (incidents linked to the records). */
  affectedAccounts?: number;
  etaVersion: number;
  openedAt: Date;
  lastReportAt: Date;
  storm: { on: boolean; manual?: 'on' | 'off'; since?: Date; rate?: number };
  requestReference?: string;
  /** Callbacks asked for and not yet done or failed. */
  callbacksPending: number;
}

export interface IncidentReportView {
  conversationId: string;
  accountMasked?: string;
  language: 'zh' | 'en';
  at: Date;
}

export function toIncidentView(i: Incident): IncidentView {
  const cause: Bilingual | undefined =
    i.causeZh && i.causeEn ? { zh: i.causeZh, en: i.causeEn } : undefined;
  const place = { scope: i.scope, districtCode: i.districtCode, feederId: i.feederId };
  const area = { zh: areaName(place, 'zh'), en: areaName(place, 'en') };
  return {
    id: i._id,
    area,
    scope: i.scope,
    districtCode: i.districtCode,
    ...(i.feederId && { feederId: i.feederId }),
    status: i.status,
    confirmed: i.confirmed,
    ...(i.outageNo && { outageNo: i.outageNo }),
    ...(cause && { cause }),
    ...(i.etaAt && { etaAt: i.etaAt }),
    etaVersion: i.etaVersion,
    reportCount: i.reportCount,
    accountCount: i.accountCount,
    ...(i.affectedAccounts !== undefined && { affectedAccounts: i.affectedAccounts }),
    openedAt: i.openedAt,
    lastReportAt: i.lastReportAt,
    ...(i.restoredAt && { restoredAt: i.restoredAt }),
    storm: {
      on: i.storm.on,
      ...(i.storm.manual && { manual: i.storm.manual }),
      ...(i.storm.since && { since: i.storm.since }),
      ...(i.storm.rate !== undefined && { rate: i.storm.rate }),
    },
    ...(i.requestReference && { requestReference: i.requestReference }),
    callbacksPending: i.callbacksPending ?? 0,
  };
}

export function toReportView(r: IncidentReport): IncidentReportView {
  return {
    conversationId: r.conversationId,
    ...(r.accountMasked && { accountMasked: r.accountMasked }),
    language: r.language,
    at: r.at,
  };
}
