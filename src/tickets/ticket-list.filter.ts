import { FilterQuery, SortOrder, Types } from 'mongoose';
import { Ticket, TicketStatus } from './ticket.schema';

/** The queue every agent may see: tickets nobody owns yet. */
export const WAITING: readonly TicketStatus[] = ['queued', 'offered'];

/** Dispatch order: most urgent first, then the longest waiting (a requeued ticket keeps its place). */
export const QUEUE_ORDER: Record<string, SortOrder> = { priority: 1, queueSortAt: 1, _id: 1 };

const NEWEST_FIRST: Record<string, SortOrder> = { queuedAt: -1, _id: -1 };

const SLA_KINDS = ['first_response', 'resolution'];

/** What a REST list asks for, already validated: no storage syntax. */
export interface TicketListCriteria {
  status?: TicketStatus[];
  priority?: number;
  skill?: string;
  language?: string;
  agentId?: string;
  conversationId?: Types.ObjectId;
  from?: Date;
  to?: Date;
  slaBreached?: boolean;
}

/** Whose list it is: a supervisor sees every ticket, an agent the queue and their own. */
export interface TicketViewer {
  role: 'agent' | 'supervisor';
  id: string;
}

/** The filter and order of a REST list, for the repository (the one door that runs it). */
export function ticketListQuery(
  criteria: TicketListCriteria,
  viewer: TicketViewer,
): { filter: FilterQuery<Ticket>; sort: Record<string, SortOrder> } {
  const asked = criteriaFilter(criteria);
  const waitingOnly = criteria.status?.every((s) => WAITING.includes(s)) ?? false;
  return {
    filter: visibleTo(viewer, asked),
    sort: waitingOnly ? QUEUE_ORDER : NEWEST_FIRST,
  };
}

function criteriaFilter(c: TicketListCriteria): FilterQuery<Ticket> {
  const filter: FilterQuery<Ticket> = {};
  if (c.status) filter.status = { $in: c.status };
  if (c.priority !== undefined) filter.priority = c.priority;
  if (c.skill) filter.skill = c.skill;
  if (c.language) filter.language = c.language;
  if (c.agentId) filter.agentId = c.agentId;
  if (c.conversationId) filter.conversationId = c.conversationId;
  if (c.from || c.to)
    filter.queuedAt = { ...(c.from && { $gte: c.from }), ...(c.to && { $lte: c.to }) };
  if (c.slaBreached !== undefined) {
    filter.slaBreaches = c.slaBreached ? { $in: SLA_KINDS } : { $nin: SLA_KINDS };
  }
  return filter;
}

function visibleTo(viewer: TicketViewer, filter: FilterQuery<Ticket>): FilterQuery<Ticket> {
  if (viewer.role === 'supervisor') return filter;
  const own: FilterQuery<Ticket> = {
    $or: [
      { status: { $in: WAITING } },
      { agentId: viewer.id },
      // Equality on an array field matches an element: tickets they owned before a transfer.
      { agentIds: viewer.id },
    ],
  };
  return Object.keys(filter).length === 0 ? own : { $and: [filter, own] };
}
