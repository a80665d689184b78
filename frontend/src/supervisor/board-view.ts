import type { Key } from '../shared/catalogue';
import type { BoardAlerts, LiveItem, MonitorSnapshot } from './supervisor-protocol';

export type SlaNow = LiveItem['sla'];

/** The board as it arrived here: the server's clock and ours are never compared. */
export interface BoardAt {
  board: MonitorSnapshot;
  /** Our clock when the board arrived. */
  receivedAt: number;
}

/** Seconds since the board arrived: the waits it reported have grown by this much. */
export const elapsedSeconds = (at: BoardAt, now: number): number =>
  Math.max(0, (now - at.receivedAt) / 1000);

/**
 * An item's SLA state now, from what the server said: a target the server had not yet seen pass
 * turns `due_soon` and `overdue` on time, without waiting for the next push.
 */
export function slaNow(item: LiveItem, at: BoardAt, now: number): SlaNow {
  if (item.slaBreaches.length > 0 || item.sla === 'breached') return 'breached';
  if (item.answered || !item.firstResponseDueAt) return item.sla;
  const leftAtBoard = Date.parse(item.firstResponseDueAt) - Date.parse(at.board.at);
  const left = leftAtBoard - elapsedSeconds(at, now) * 1000;
  if (left <= 0) return 'overdue';
  return left <= 60_000 ? 'due_soon' : 'ok';
}

/** The live items past a target now, most urgent first (the board's order). */
export const breachesNow = (at: BoardAt, now: number): LiveItem[] =>
  at.board.live.filter((i) => {
    const sla = slaNow(i, at, now);
    return sla === 'overdue' || sla === 'breached';
  });

/** The targets an item has missed: those the server recorded, else first response when overdue. */
export const missedTargets = (item: LiveItem, sla: SlaNow): LiveItem['slaBreaches'] =>
  item.slaBreaches.length > 0 ? item.slaBreaches : sla === 'overdue' ? ['first_response'] : [];

export interface AlertLine {
  key: Key;
  n?: number;
}

/** The banner's lines: nobody online, the queue outgrowing the pickups, customers overdue. */
export function alertLines(alerts: BoardAlerts, overdueNow: number): AlertLine[] {
  const lines: AlertLine[] = [];
  if (alerts.noAgentOnline) lines.push({ key: 'supAlertNoAgent' });
  if (alerts.queueGrowing) lines.push({ key: 'supAlertGrowing' });
  const overdue = Math.max(alerts.overdue, overdueNow);
  if (overdue > 0) lines.push({ key: 'supAlertOverdue', n: overdue });
  return lines;
}

export const LIVE_STATUS_KEY: Record<LiveItem['status'], Key> = {
  queued: 'supLiveQueued',
  offered: 'supLiveOffered',
  assigned: 'supLiveAssigned',
};

export const SLA_KEY: Record<Exclude<SlaNow, 'breached'>, Key> = {
  ok: 'supSlaOk',
  due_soon: 'supSlaDueSoon',
  overdue: 'supSlaOverdue',
};

/** A row's wait now: the server's figure plus the time since it was sent. */
export const waitNow = (seconds: number, at: BoardAt, now: number): number =>
  seconds + elapsedSeconds(at, now);
