import { getConnectionToken } from '@nestjs/mongoose';
import { Connection, Types } from 'mongoose';
import { BotTurnsService } from '../src/chat/bot-turns.service';
import { ChatService } from '../src/chat/chat.service';
import { DomainError } from '../src/common/domain-error';
import { DialogueStateService } from '../src/dialogue/dialogue-state.service';
import { TicketsQueryService } from '../src/tickets/tickets-query.service';
import { StaffRef } from '../src/tickets/tickets.service';
import { TicketHandlingService } from '../src/tickets/ticket-handling.service';
import { TicketOffersService } from '../src/tickets/ticket-offers.service';
import { connect, messageId, RecordingClient } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';
import { openQueuedTicket } from './support/tickets';

/**
 * The races that claims and in-process locks used to decide, now decided by conditional
 * updates in the store: each runs its racers at the same moment (two app instances where the
 * race is between processes) and asserts exactly one outcome. Rounds are repeated, so a race
 * that is won by luck on one interleaving would show on another.
 */
const ROUNDS = 8;

const li: StaffRef = { id: 'agent-li', displayName: 'Li' };
const sam: StaffRef = { id: 'agent-sam', displayName: 'Sam' };

function conflictOrNull(outcome: PromiseSettledResult<unknown>): boolean {
  if (outcome.status === 'fulfilled') return outcome.value === null;
  return outcome.reason instanceof DomainError && outcome.reason.code === 'CONFLICT';
}

describe('races decided by the store', () => {
  let a: TestApp;
  let b: TestApp;
  const clients: RecordingClient[] = [];

  beforeAll(async () => {
    a = await startTestApp();
    await a.reset();
    // A second instance on the same database: its own process state, the same records.
    b = await startTestApp({ MONGODB_URI: a.mongoUri });
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(async () => {
    await b.close({ keepData: true });
    await a.close();
  });

  const queuedTicket = () => openQueuedTicket(a.app, 'en', 'Racer');

  it('two agents accepting one queued ticket on two instances: exactly one gets it', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = await queuedTicket();
      const outcomes = await Promise.allSettled([
        a.app.get(TicketOffersService).accept(id, li),
        b.app.get(TicketOffersService).accept(id, sam),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.filter(conflictOrNull)).toHaveLength(1);
      const ticket = await a.app.get(TicketsQueryService).get(id);
      const winner = outcomes[0].status === 'fulfilled' ? li : sam;
      expect(ticket.status).toBe('assigned');
      expect(ticket.agentId).toBe(winner.id);
      expect(ticket.history.filter((h) => h.status === 'assigned')).toHaveLength(1);
    }
  });

  it('an accept racing the offer timeout: accepted or lapsed, never both', async () => {
    const seen = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      const id = await queuedTicket();
      const offered = await a.app.get(TicketOffersService).offer(id, li.id);
      expect(offered?.status).toBe('offered');
      const [accepted, expired] = await Promise.allSettled([
        a.app.get(TicketOffersService).accept(id, li),
        b.app.get(TicketOffersService).expireOffer(id, offered?.round ?? -1),
      ]);
      const ticket = await a.app.get(TicketsQueryService).get(id);
      if (accepted.status === 'fulfilled') {
        expect(expired.status === 'fulfilled' && expired.value).toBeNull();
        expect(ticket.status).toBe('assigned');
        seen.add('accepted');
      } else {
        expect(conflictOrNull(accepted)).toBe(true);
        expect(expired.status === 'fulfilled' && expired.value?.status).toBe('queued');
        expect(ticket.status).toBe('queued');
        expect(ticket.round).toBe((offered?.round ?? 0) + 1);
        seen.add('lapsed');
      }
      expect(ticket.history.filter((h) => h.note?.startsWith('offer timeout')).length).toBe(
        ticket.status === 'queued' ? 1 : 0,
      );
    }
    expect(seen.size).toBeGreaterThan(0);
  });

  it('a close racing a transfer by the owner: exactly one happens', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = await queuedTicket();
      await a.app.get(TicketOffersService).accept(id, li);
      const outcomes = await Promise.allSettled([
        a.app.get(TicketHandlingService).resolve(id, li, 'resolved'),
        b.app.get(TicketHandlingService).transfer(id, li, { toSkill: 'billing' }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      // The loser either lost the write (CONFLICT) or read the ticket after it had moved on
      // (FORBIDDEN: no longer the agent's).
      const lost = outcomes.find((o) => o.status === 'rejected');
      expect(lost?.status === 'rejected' && (lost.reason as DomainError).code).toMatch(
        /^(CONFLICT|FORBIDDEN)$/,
      );
      const ticket = await a.app.get(TicketsQueryService).get(id);
      expect(ticket.status).toBe(outcomes[0].status === 'fulfilled' ? 'resolved' : 'queued');
      const conversation = await a.app
        .get<Connection>(getConnectionToken())
        .collection('conversations')
        .findOne({ _id: ticket.conversationId });
      expect(conversation?.status).toBe(ticket.status === 'resolved' ? 'bot' : 'waiting');
    }
  });

  it('one client message id sent twice at once, to two instances: stored once', async () => {
    const first = await connect(a.url, '/customer');
    clients.push(first);
    const started = await first.emit('conversation:start', { language: 'zh' });
    const conversationId = (started.conversation as { id: string }).id;
    const second = await connect(b.url, '/customer');
    clients.push(second);
    await second.emit('conversation:resume', { resumeToken: first.resumeToken });
    for (let round = 0; round < ROUNDS; round++) {
      const clientMessageId = messageId();
      const body = { clientMessageId, text: `停电了吗 ${round}` };
      const acks = await Promise.all([
        first.emit('message:send', body),
        second.emit('message:send', body),
      ]);
      expect(acks.every((ack) => ack.ok)).toBe(true);
      expect(acks.map((ack) => ack.duplicate).sort()).toEqual([false, true]);
      const stored = await a.app
        .get<Connection>(getConnectionToken())
        .collection('messages')
        .countDocuments({ conversationId: new Types.ObjectId(conversationId), clientMessageId });
      expect(stored).toBe(1);
    }
  });

  it('two bot turns of one conversation on two instances: both answered, in one state', async () => {
    const chat = a.app.get(ChatService);
    const { conversation } = await chat.start('en', 'Two turns');
    const id = conversation._id;
    const texts = ['what are the tariff tiers', 'is there an outage in Donghu'];
    // Both turns read the same dialogue version; one write wins, the other reads again.
    await Promise.all([
      a.app.get(BotTurnsService).run(id, texts[0], 'race-1'),
      b.app.get(BotTurnsService).run(id, texts[1], 'race-2'),
    ]);
    const db = a.app.get<Connection>(getConnectionToken());
    const stored = await db.collection('conversations').findOne({ _id: id });
    // The welcome was written outside a turn; each turn advanced the version once.
    expect(stored?.dialogueVersion).toBe(2);
    // The state is stored sealed: read it the way the bot does.
    const path = stored
      ? a.app.get(DialogueStateService).of({ _id: id, dialogue: stored.dialogue as never })
          .intentPath
      : [];
    expect(path).toHaveLength(2);
    const replies = await db
      .collection('messages')
      .find({ conversationId: id, sender: 'bot', clientMessageId: /^bot#race-/ })
      .toArray();
    const perTurn = (turn: string) =>
      replies.filter((r) => String(r.clientMessageId).startsWith(`bot#${turn}#`)).length;
    expect(perTurn('race-1')).toBeGreaterThan(0);
    expect(perTurn('race-2')).toBeGreaterThan(0);
    // No reply stored twice, and numbers unique within the conversation.
    const seqs = replies.map((r) => r.seq as number);
    expect(new Set(seqs).size).toBe(seqs.length);
  });
});
