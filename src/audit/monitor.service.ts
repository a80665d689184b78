import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { AgentPresenceService } from '../agents/agent-presence.service';
import { Principal } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { ConversationsService } from '../conversations/conversations.service';
import { TicketsQueryService } from '../tickets/tickets-query.service';
import { AccessLogService } from './access-log.service';
import { BoardAlerts, liveBoard, LiveItem } from './monitor-board';

export interface MonitorSnapshot {
  at: string;
  /** Waiting conversations first (by priority, longest wait), then those with an agent. */
  live: LiveItem[];
  alerts: BoardAlerts;
  conversations: { withBot: number; waiting: number; withAgent: number };
  queue: { priority: number; waiting: number; longestWaitSeconds: number }[];
  agents: { id: string; displayName: string; presence: string; load: number; capacity: number }[];
}

/**
 * The live board: who is with the bot now, who waits (by priority, how long), what agents carry,
 * the live list of open chats and the alerts (monitor-board.ts).
 */
@Injectable()
export class MonitorService {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly tickets: TicketsQueryService,
    private readonly presence: AgentPresenceService,
    private readonly accessLog: AccessLogService,
  ) {}

  async snapshot(): Promise<MonitorSnapshot> {
    const now = Date.now();
    const [counts, open, agents] = await Promise.all([
      this.conversations.countByStatus(),
      this.tickets.listOpen(),
      this.presence.all(),
    ]);
    const queue = [0, 1, 2].map((priority) => {
      const waiting = open.filter(
        (t) => t.priority === priority && (t.status === 'queued' || t.status === 'offered'),
      );
      const oldest = Math.min(...waiting.map((t) => t.queuedAt.getTime()), now);
      return {
        priority,
        waiting: waiting.length,
        longestWaitSeconds: Math.round((now - oldest) / 1000),
      };
    });
    const load = new Map<string, number>();
    for (const t of open)
      if (t.status === 'assigned' && t.agentId) load.set(t.agentId, (load.get(t.agentId) ?? 0) + 1);
    return {
      at: new Date(now).toISOString(),
      conversations: { withBot: counts.bot, waiting: counts.waiting, withAgent: counts.agent },
      queue,
      ...liveBoard(open, agents.filter((s) => s.presence === 'online').length, now),
      agents: agents.map((s) => ({
        id: s.agent.id,
        displayName: s.agent.displayName,
        presence: s.presence,
        load: load.get(s.agent.id) ?? 0,
        capacity: s.capacity,
      })),
    };
  }

  /** Starts a silent watch of a live conversation; logged before anything is shown. */
  async watch(conversationId: string, supervisor: Principal): Promise<Types.ObjectId> {
    const conversation = await this.conversations.get(conversationId);
    await this.accessLog.record(
      supervisor,
      'conversation.watch',
      `conversation:${conversation.id as string}`,
    );
    return conversation._id;
  }

  /** A word to the agent handling a ticket, that the customer never sees; logged. */
  async whisper(
    ticketId: string,
    supervisor: Principal,
  ): Promise<{ agentId: string; conversationId: string }> {
    const ticket = await this.tickets.get(ticketId);
    if (ticket.status !== 'assigned' || !ticket.agentId) {
      throw new DomainError('CONFLICT', 'Only a ticket an agent is handling can get a whisper');
    }
    await this.accessLog.record(supervisor, 'agent.whisper', `ticket:${ticket.id as string}`);
    return { agentId: ticket.agentId, conversationId: ticket.conversationId.toHexString() };
  }
}
