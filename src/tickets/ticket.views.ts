import { ResolutionCode, SlaKind, TicketDocument, TicketStatus } from './ticket.schema';

export interface TicketEventView {
  at: string;
  status: string;
  by: string;
  note?: string;
}

export interface TicketView {
  id: string;
  conversationId: string;
  status: TicketStatus;
  priority: number;
  reason: string;
  language: 'zh' | 'en';
  skill: string;
  channel: string;
  requiredAgentId?: string;
  offeredTo?: string;
  offerExpiresAt?: string;
  agentId?: string;
  agentName?: string;
  queuedAt: string;
  assignedAt?: string;
  firstResponseDueAt?: string;
  resolutionDueAt?: string;
  firstResponseAt?: string;
  resolvedAt?: string;
  waitedSeconds?: number;
  firstResponseSeconds?: number;
  handleSeconds?: number;
  slaBreaches: SlaKind[];
  resolution?: ResolutionCode;
  callback?: { phone: string; message?: string };
  caseCard?: Record<string, unknown>;
  rating?: { agent?: number; bot?: number; comment?: string; agentId?: string };
  history: TicketEventView[];
}

const iso = (d?: Date) => d?.toISOString();

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function toTicketView(t: TicketDocument): TicketView {
  return defined({
    id: t.id as string,
    conversationId: t.conversationId.toHexString(),
    status: t.status,
    priority: t.priority,
    reason: t.reason,
    language: t.language,
    skill: t.skill,
    channel: t.channel ?? 'web',
    requiredAgentId: t.requiredAgentId,
    offeredTo: t.offeredTo,
    offerExpiresAt: iso(t.offerExpiresAt),
    agentId: t.agentId,
    agentName: t.agentName,
    queuedAt: t.queuedAt.toISOString(),
    assignedAt: iso(t.assignedAt),
    firstResponseDueAt: iso(t.firstResponseDueAt),
    resolutionDueAt: iso(t.resolutionDueAt),
    firstResponseAt: iso(t.firstResponseAt),
    resolvedAt: iso(t.resolvedAt),
    waitedSeconds: t.waitedSeconds,
    firstResponseSeconds: t.firstResponseSeconds,
    handleSeconds: t.handleSeconds,
    slaBreaches: [...t.slaBreaches],
    resolution: t.resolution,
    callback: t.callback && defined({ phone: t.callback.phone, message: t.callback.message }),
    caseCard: t.caseCard,
    rating:
      t.rating &&
      defined({
        agent: t.rating.agent,
        bot: t.rating.bot,
        comment: t.rating.comment,
        agentId: t.rating.agentId,
      }),
    history: t.history.map((h) =>
      defined({ at: h.at.toISOString(), status: h.status, by: h.by, note: h.note }),
    ),
  });
}

/**
 * A ticket of an earlier conversation, as the customer panel lists it: what happened, nothing
 * personal (no case card, no callback number, no rating comment).
 */
export interface EarlierTicketView {
  id: string;
  conversationId: string;
  channel: string;
  status: TicketStatus;
  reason: string;
  skill: string;
  queuedAt: string;
  resolvedAt?: string;
  resolution?: ResolutionCode;
  agentName?: string;
  rating?: number;
}

export function toEarlierTicketView(t: TicketDocument): EarlierTicketView {
  return defined({
    id: t.id as string,
    conversationId: t.conversationId.toHexString(),
    channel: t.channel ?? 'web',
    status: t.status,
    reason: t.reason,
    skill: t.skill,
    queuedAt: t.queuedAt.toISOString(),
    resolvedAt: iso(t.resolvedAt),
    resolution: t.resolution,
    agentName: t.agentName,
    rating: t.rating?.agent,
  });
}
