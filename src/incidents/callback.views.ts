import { CallbackStatus, IncidentCallback } from './subscription.schema';

/** A callback as agents and supervisors see it. */
export interface CallbackView {
  id: string;
  incidentId: string;
  conversationId: string;
  /** Whole only for the agent who holds it, with the `unmask` permission; else masked. */
  phone: string;
  phoneMasked: string;
  language: 'zh' | 'en';
  at: Date;
  status: CallbackStatus;
  agentId?: string;
  agentName?: string;
  takenAt?: Date;
  closedAt?: Date;
  note?: string;
}

/** The view, with the number as this reader may see it. */
export function toCallbackView(c: IncidentCallback, phone: string): CallbackView {
  return {
    id: c._id,
    incidentId: c.incidentId,
    conversationId: c.conversationId,
    phone,
    phoneMasked: c.phoneMasked,
    language: c.language,
    at: c.at,
    status: c.status,
    ...(c.agentId && { agentId: c.agentId, agentName: c.agentName }),
    ...(c.takenAt && { takenAt: c.takenAt }),
    ...(c.closedAt && { closedAt: c.closedAt }),
    ...(c.note && { note: c.note }),
  };
}
