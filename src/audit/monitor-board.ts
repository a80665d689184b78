import { SlaKind, TicketDocument } from '../tickets/ticket.schema';

/** Arrivals and pickups are compared over this window to say whether the queue is growing. */
export const TREND_WINDOW_MS = 10 * 60_000;

export interface LiveItem {
  ticketId: string;
  conversationId: string;
  status: 'queued' | 'offered' | 'assigned';
  priority: number;
  language: string;
  channel: string;
  skill: string;
  reason: string;
  intent?: string;
  agentId?: string;
  agentName?: string;
  /** Since it (last) joined the queue, for waiting ones; since assignment for the others. */
  waitingSeconds: number;
  /** `ok`, `due_soon` (within a minute), `overdue` (the target has passed), or `breached` before. */
  sla: 'ok' | 'due_soon' | 'overdue' | 'breached';
  /** The targets already recorded as missed: which one a `breached` item missed. */
  slaBreaches: SlaKind[];
  /** An agent has replied: the first-response target no longer applies. */
  answered: boolean;
  firstResponseDueAt?: string;
}

export interface BoardAlerts {
  /** Customers are waiting and no agent is online to take them. */
  noAgentOnline: boolean;
  /** More customers joined the queue in the last 10 minutes than agents took from it. */
  queueGrowing: boolean;
  /** Waiting tickets whose first-response target has passed, whatever the page saw. */
  overdue: number;
}

/**
 * The supervisor's live list and alerts, from server state only (open tickets and presence):
 * a board opened now says what is overdue now, not what changed since it was opened. Pure.
 */
export function liveBoard(
  open: readonly TicketDocument[],
  agentsOnline: number,
  now: number,
): { live: LiveItem[]; alerts: BoardAlerts } {
  const live = open
    .filter((t) => t.status === 'queued' || t.status === 'offered' || t.status === 'assigned')
    .map((t) => toLiveItem(t, now))
    .sort(
      (a, b) =>
        Number(a.status === 'assigned') - Number(b.status === 'assigned') ||
        a.priority - b.priority ||
        b.waitingSeconds - a.waitingSeconds,
    );
  const waiting = live.filter((i) => i.status !== 'assigned');
  const since = now - TREND_WINDOW_MS;
  const arrivals = open.filter((t) => t.queuedAt && t.queuedAt.getTime() >= since).length;
  const pickups = open.filter((t) => t.assignedAt && t.assignedAt.getTime() >= since).length;
  return {
    live,
    alerts: {
      noAgentOnline: waiting.length > 0 && agentsOnline === 0,
      queueGrowing: waiting.length >= 3 && arrivals > pickups,
      overdue: waiting.filter((i) => i.sla === 'overdue' || i.sla === 'breached').length,
    },
  };
}

function toLiveItem(t: TicketDocument, now: number): LiveItem {
  const status = t.status as LiveItem['status'];
  const from = status === 'assigned' ? (t.assignedAt ?? t.queuedAt) : t.queuedAt;
  const due = t.firstResponseDueAt?.getTime();
  const answered = t.firstResponseAt !== undefined;
  const sla: LiveItem['sla'] =
    t.slaBreaches.length > 0
      ? 'breached'
      : answered || due === undefined
        ? 'ok'
        : due <= now
          ? 'overdue'
          : due - now <= 60_000
            ? 'due_soon'
            : 'ok';
  return {
    ticketId: t.id as string,
    conversationId: t.conversationId.toHexString(),
    status,
    priority: t.priority,
    language: t.language,
    channel: t.channel ?? 'web',
    skill: t.skill,
    reason: t.reason,
    ...(t.firstIntent && { intent: t.firstIntent }),
    ...(t.agentId && { agentId: t.agentId }),
    ...(t.agentName && { agentName: t.agentName }),
    waitingSeconds: Math.max(0, Math.round((now - (from?.getTime() ?? now)) / 1000)),
    sla,
    slaBreaches: [...t.slaBreaches],
    answered,
    ...(t.firstResponseDueAt && { firstResponseDueAt: t.firstResponseDueAt.toISOString() }),
  };
}
