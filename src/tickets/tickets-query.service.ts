import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { Principal } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { parseObjectId } from '../common/object-id';
import { ListTicketsQueryDto } from './dto/list-tickets-query.dto';
import { HandleTimesService } from './handle-times.service';
import { TicketDocument } from './ticket.schema';
import { TicketListCriteria, WAITING } from './ticket-list.filter';
import { TicketGroup, TicketsRepository } from './tickets.repository';
import { toTicketView, TicketView } from './ticket.views';

export interface TicketPage {
  items: TicketView[];
  page: number;
  limit: number;
  total: number;
}

/**
 * Reads of tickets, never a write: the documents the other services work on, and the REST API's
 * views with the visibility rule of each role (a supervisor sees every ticket; an agent sees the
 * waiting queue and the tickets they own or have owned).
 *
 * Cost on mongo-java-server: a REST list's filter is not answered from an index (see
 * TicketsRepository), so a page is a scan of the tickets collection, done twice (the page and
 * the total); `limit` is capped at 100 and `from`/`to` narrow a large history. On MongoDB the
 * status and queue indexes serve it. A single ticket is read by `_id`.
 */
@Injectable()
export class TicketsQueryService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly handleTimes: HandleTimesService,
  ) {}

  async get(id: string | Types.ObjectId): Promise<TicketDocument> {
    const _id = typeof id === 'string' ? parseObjectId(id, 'ticketId') : id;
    const ticket = await this.tickets.findById(_id);
    if (!ticket) throw new DomainError('NOT_FOUND', 'Ticket not found');
    return ticket;
  }

  /** Tickets waiting for an agent (queued or on offer), most urgent and longest waiting first. */
  listWaiting(limit = 1000): Promise<TicketDocument[]> {
    return this.tickets.listWaiting(limit);
  }

  listOpen(): Promise<TicketDocument[]> {
    return this.tickets.listOpen();
  }

  listAssignedTo(agentId: string): Promise<TicketDocument[]> {
    return this.tickets.listAssignedTo(agentId);
  }

  listForConversation(conversationId: Types.ObjectId): Promise<TicketDocument[]> {
    return this.tickets.listForConversation(conversationId);
  }

  findOpenForConversation(conversationId: Types.ObjectId): Promise<TicketDocument | null> {
    return this.tickets.findOpenForConversation(conversationId);
  }

  /** The ticket, if this agent owns it now; otherwise FORBIDDEN. */
  async getOwned(ticketId: string, agentId: string): Promise<TicketDocument> {
    const ticket = await this.get(ticketId);
    if (ticket.status !== 'assigned' || ticket.agentId !== agentId) {
      throw new DomainError('FORBIDDEN', 'This ticket is not assigned to you');
    }
    return ticket;
  }

  /** The conversation of a ticket this agent owns now (FORBIDDEN otherwise), from a small read. */
  async ownedConversation(ticketId: string, agentId: string): Promise<Types.ObjectId> {
    const holder = await this.tickets.findHolder(parseObjectId(ticketId, 'ticketId'));
    if (holder?.status !== 'assigned' || holder.agentId !== agentId) {
      throw new DomainError('FORBIDDEN', 'This ticket is not assigned to you');
    }
    return holder.conversationId;
  }

  /** Tickets queued in [start, end), grouped for the quality report (see TicketsRepository). */
  qualityGroups(start: Date, end: Date, groupBy: TicketGroup, zone: string) {
    return this.tickets.qualityGroups(start, end, groupBy, zone);
  }

  /** The handle time wait estimates plan with: measured, from the latest resolutions. */
  recentHandleSeconds(): Promise<number> {
    return this.handleTimes.plannedSeconds();
  }

  // ---- the REST API's views --------------------------------------------------------------

  async list(principal: Principal, query: ListTicketsQueryDto): Promise<TicketPage> {
    const { docs, total } = await this.tickets.page(
      criteriaOf(query),
      { role: principal.role, id: principal.id },
      (query.page - 1) * query.limit,
      query.limit,
    );
    return { items: docs.map(toTicketView), page: query.page, limit: query.limit, total };
  }

  async view(principal: Principal, id: string): Promise<TicketView> {
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
}

/** The query string as criteria; what the DTO's decorators cannot check is refused here. */
function criteriaOf(query: ListTicketsQueryDto): TicketListCriteria {
  const from = query.from ? new Date(query.from) : undefined;
  const to = query.to ? new Date(query.to) : undefined;
  if (from && to && from > to) throw new DomainError('VALIDATION', 'from must not be after to');
  return {
    status: query.status,
    priority: query.priority,
    skill: query.skill,
    language: query.language,
    agentId: query.agentId,
    conversationId: query.conversationId
      ? parseObjectId(query.conversationId, 'conversationId')
      : undefined,
    from,
    to,
    slaBreached: query.slaBreached,
  };
}
