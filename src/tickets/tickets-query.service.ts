import { Injectable } from '@nestjs/common';
import { FilterQuery, SortOrder } from 'mongoose';
import { Principal } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { parseObjectId } from '../common/object-id';
import { ListTicketsQueryDto } from './dto/list-tickets-query.dto';
import { Ticket, TicketDocument, TicketStatus } from './ticket.schema';
import { QUEUE_ORDER, TicketsRepository } from './tickets.repository';
import { toTicketView, TicketView } from './ticket.views';

/** The queue every agent may see: tickets nobody owns yet. */
const WAITING: TicketStatus[] = ['queued', 'offered'];

const NEWEST_FIRST: Record<string, SortOrder> = { queuedAt: -1, _id: -1 };

export interface TicketPage {
  items: TicketView[];
  page: number;
  limit: number;
  total: number;
}

/**
 * Read-only views of tickets for the REST API, with the visibility rule of each role: a
 * supervisor sees every ticket; an agent sees the waiting queue and the tickets they own or
 * have owned. TicketsService stays the only writer.
 *
 * Cost on mongo-java-server: a list's filter is not answered from an index (see
 * TicketsRepository), so a page is a scan of the tickets collection, done twice (the page and
 * the total); `limit` is capped at 100 and `from`/`to` narrow a large history. On MongoDB the
 * status and queue indexes serve it. A single ticket is read by `_id`.
 */
@Injectable()
export class TicketsQueryService {
  constructor(private readonly tickets: TicketsRepository) {}

  async list(principal: Principal, query: ListTicketsQueryDto): Promise<TicketPage> {
    const filter = this.visibleTo(principal, this.filterFor(query));
    const waitingOnly = query.status?.every((s) => WAITING.includes(s)) ?? false;
    const { docs, total } = await this.tickets.page(
      filter,
      waitingOnly ? QUEUE_ORDER : NEWEST_FIRST,
      (query.page - 1) * query.limit,
      query.limit,
    );
    return { items: docs.map(toTicketView), page: query.page, limit: query.limit, total };
  }

  async get(principal: Principal, id: string): Promise<TicketView> {
    const ticket = await this.tickets.findById(parseObjectId(id, 'ticket id'));
    if (!ticket) throw new DomainError('NOT_FOUND', 'Ticket not found');
    if (!this.canSee(principal, ticket)) {
      throw new DomainError('FORBIDDEN', 'Agents see the queue and their own tickets only');
    }
    return toTicketView(ticket);
  }

  private canSee(principal: Principal, ticket: TicketDocument): boolean {
    if (principal.role === 'supervisor') return true;
    return (
      WAITING.includes(ticket.status) ||
      ticket.agentId === principal.id ||
      ticket.agentIds.includes(principal.id)
    );
  }

  /** The caller's own filters, restricted by what their role may see. */
  private visibleTo(principal: Principal, filter: FilterQuery<Ticket>): FilterQuery<Ticket> {
    if (principal.role === 'supervisor') return filter;
    const own: FilterQuery<Ticket> = {
      $or: [
        { status: { $in: WAITING } },
        { agentId: principal.id },
        // Equality on an array field matches an element: tickets they owned before a transfer.
        { agentIds: principal.id },
      ],
    };
    return Object.keys(filter).length === 0 ? own : { $and: [filter, own] };
  }

  private filterFor(query: ListTicketsQueryDto): FilterQuery<Ticket> {
    const filter: FilterQuery<Ticket> = {};
    if (query.status) filter.status = { $in: query.status };
    if (query.priority !== undefined) filter.priority = query.priority;
    if (query.skill) filter.skill = query.skill;
    if (query.language) filter.language = query.language;
    if (query.agentId) filter.agentId = query.agentId;
    if (query.conversationId)
      filter.conversationId = parseObjectId(query.conversationId, 'conversationId');
    if (query.from || query.to) {
      const from = query.from ? new Date(query.from) : undefined;
      const to = query.to ? new Date(query.to) : undefined;
      if (from && to && from > to) throw new DomainError('VALIDATION', 'from must not be after to');
      filter.queuedAt = { ...(from && { $gte: from }), ...(to && { $lte: to }) };
    }
    if (query.slaBreached !== undefined) {
      const kinds = ['first_response', 'resolution'];
      filter.slaBreaches = query.slaBreached ? { $in: kinds } : { $nin: kinds };
    }
    return filter;
  }
}
