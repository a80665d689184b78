import { TicketDocument, TicketStatus } from './ticket.schema';

export interface TicketEventView {
  at: string;
  status: TicketStatus;
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
  agentId?: string;
  agentName?: string;
  queuedAt: string;
  assignedAt?: string;
  closedAt?: string;
  resolution?: string;
  history: TicketEventView[];
}

export function toTicketView(t: TicketDocument): TicketView {
  return {
    id: t.id as string,
    conversationId: t.conversationId.toHexString(),
    status: t.status,
    priority: t.priority,
    reason: t.reason,
    language: t.language,
    ...(t.agentId !== undefined && { agentId: t.agentId }),
    ...(t.agentName !== undefined && { agentName: t.agentName }),
    queuedAt: t.queuedAt.toISOString(),
    ...(t.assignedAt && { assignedAt: t.assignedAt.toISOString() }),
    ...(t.closedAt && { closedAt: t.closedAt.toISOString() }),
    ...(t.resolution !== undefined && { resolution: t.resolution }),
    history: t.history.map((h) => ({
      at: h.at.toISOString(),
      status: h.status,
      by: h.by,
      ...(h.note !== undefined && { note: h.note }),
    })),
  };
}
