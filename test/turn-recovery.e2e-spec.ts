import { getConnectionToken } from '@nestjs/mongoose';
import { Connection, Types } from 'mongoose';
import { BotTurnRecovery } from '../src/chat/bot-turn-recovery.service';
import { ChatService } from '../src/chat/chat.service';
import { ConversationsService } from '../src/conversations/conversations.service';
import { ConversationTurnsService } from '../src/conversations/conversation-turns.service';
import { MessagesService } from '../src/conversations/messages.service';
import { DialogueStateService } from '../src/dialogue/dialogue-state.service';
import { TicketsQueryService } from '../src/tickets/tickets-query.service';
import { RecordingClient, sayToBot, startCustomer } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

/**
 * A customer message acknowledged and then left without its bot turn (the process died between
 * the ack and the turn) is answered by the recovery, once, on any instance. The crash is
 * simulated by storing the message the way the gateway does and not running the turn.
 */
describe('bot turns left behind by a crash', () => {
  let t: TestApp;
  let db: Connection;
  const later = () => new Date(Date.now() + 60_000);

  beforeAll(async () => {
    t = await startTestApp();
    await t.reset();
    db = t.app.get<Connection>(getConnectionToken());
  });
  afterAll(() => t.close());

  async function acknowledgedOnly(text: string, clientMessageId: string) {
    const { conversation } = await t.app.get(ChatService).start('zh');
    await t.app.get(MessagesService).append(conversation._id, {
      sender: 'customer',
      clientMessageId,
      text,
    });
    return conversation._id;
  }

  it('answers a message whose turn never ran, once, with the unmasked text', async () => {
    const id = await acknowledgedOnly('阶梯电价怎么收费？户号1000001014', 'lost-1');
    const before = await db.collection('conversations').findOne({ _id: id });
    expect(before?.awaitingTurns).toEqual([{ clientMessageId: 'lost-1' }]);

    const recovery = t.app.get(BotTurnRecovery);
    expect(await recovery.run(later())).toBe(1);
    // (Filtered here: mongo-java-server cannot use a regex on a unique index's field.)
    const botReplies = async () =>
      (
        await db.collection('messages').find({ conversationId: id, sender: 'bot' }).toArray()
      ).filter((m) => String(m.clientMessageId).startsWith('bot#lost-1#'));
    const replies = await botReplies();
    expect(replies.length).toBeGreaterThan(0);
    expect(replies[0].intent).toBe('billing.tariff');

    // A second pass (another instance, a retry) finds the replies stored: it answers nothing
    // more, stores nothing, and only clears the mark (a turn's own mark goes once it is done).
    expect(await recovery.run(later())).toBe(0);
    expect((await botReplies()).length).toBe(replies.length);
    const after = await db.collection('conversations').findOne({ _id: id });
    expect(after?.awaitingTurns).toEqual([]);
  });

  /** A turn that wrote its state (and what it said) and then died before the rest. */
  async function halfDoneTurn(
    clientMessageId: string,
    escalate?: { reason: string; skill: string },
  ) {
    const id = await acknowledgedOnly('停电了 我家户号1000001014 是不是线路故障', clientMessageId);
    const conversations = t.app.get(ConversationsService);
    const states = t.app.get(DialogueStateService);
    const conversation = await conversations.getLean(id);
    const reply = t.app.get(MessagesService).prepare(id, {
      sender: 'bot',
      clientMessageId: `bot#${clientMessageId}#0`,
      text: '正在为您查询户号所在区域的停电信息。',
    });
    await t.app.get(ConversationTurnsService).recordTurn(id, {
      expectedVersion: conversation.dialogueVersion,
      dialogue: states.toStored(states.of(conversation), id),
      language: 'zh',
      record: { intent: 'outage.status', confidence: 0.9 },
      understood: true,
      lastTurn: {
        forMessage: clientMessageId,
        replies: [{ ...reply }],
        ...(escalate && { escalate }),
      },
      settled: [],
    });
    return id;
  }

  it('stores the replies of a turn that wrote its state but died before storing them', async () => {
    const id = await halfDoneTurn('half-1');
    expect(await t.app.get(BotTurnRecovery).run(later())).toBe(1);
    const reply = await t.app.get(MessagesService).findByClientId(id, 'bot#half-1#0');
    expect(reply?.text).toBe('正在为您查询户号所在区域的停电信息。');
  });

  it('opens the ticket a turn decided on when the process died before opening it', async () => {
    const id = await halfDoneTurn('half-2', { reason: 'customer_request', skill: 'outage' });
    expect(await t.app.get(BotTurnRecovery).run(later())).toBe(1);
    const ticket = await t.app.get(TicketsQueryService).findOpenForConversation(id);
    expect(ticket).toMatchObject({ reason: 'customer_request', skill: 'outage', status: 'queued' });
    // Once: a second pass opens nothing more.
    await t.app.get(BotTurnRecovery).run(later());
    expect(await db.collection('tickets').countDocuments({ conversationId: id })).toBe(1);
  });

  it('keeps only the newest message marked while a customer chats: each turn clears the last', async () => {
    const clients: RecordingClient[] = [];
    try {
      const { client, conversationId } = await startCustomer(t.url, 'en', clients);
      for (const text of [
        'how much is my bill',
        'what are the tariff tiers',
        'thanks, and is there an outage in Huangpu',
      ]) {
        await sayToBot(client, text);
      }
      // Give the last turn's bookkeeping a moment (it follows the reply).
      await new Promise((r) => setTimeout(r, 200));
      const after = await db
        .collection('conversations')
        .findOne({ _id: new Types.ObjectId(conversationId) });
      // The newest message's mark goes with the next turn, or the recovery; never more pile up.
      expect(after?.awaitingTurns.length).toBe(1);
    } finally {
      clients.forEach((c) => c.close());
    }
  });

  it('leaves a finished handoff alone: its turn clears its own mark, so no pass reopens it', async () => {
    // Found on the supervisor desk: a chat handed over with 转人工 and then ended got its
    // ticket back in the queue some 15 s later, the recovery re-running the handoff turn.
    const id = await acknowledgedOnly('我要转人工，停电两个小时了没人管', 'handoff-1');
    await t.app.get(ChatService).answer(id, '我要转人工，停电两个小时了没人管', 'handoff-1');
    const ticket = await t.app.get(TicketsQueryService).findOpenForConversation(id);
    expect(ticket?.status).toBe('queued');
    expect((await db.collection('conversations').findOne({ _id: id }))?.awaitingTurns).toEqual([]);
    // The customer gives up waiting: the ticket ends, the conversation is the bot's again.
    await t.app.get(ChatService).leaveQueue(id);
    expect(await t.app.get(BotTurnRecovery).run(later())).toBe(0);
    const tickets = await db.collection('tickets').find({ conversationId: id }).toArray();
    expect(tickets.map((tk) => tk.status)).toEqual(['abandoned']);
  });

  it('does not answer for the bot while people have the conversation', async () => {
    const id = await acknowledgedOnly('你好，在吗', 'lost-2');
    await t.app.get(ConversationsService).transition(id, 'waiting');
    expect(await t.app.get(BotTurnRecovery).run(later())).toBe(0);
    const after = await db.collection('conversations').findOne({ _id: id });
    expect(after?.awaitingTurns).toEqual([]);
    expect(
      await db.collection('messages').countDocuments({ conversationId: id, sender: 'bot' }),
    ).toBe(1); // the welcome only
  });

  it('leaves a message alone while its turn may still be running', async () => {
    const id = await acknowledgedOnly('停电了', 'fresh-1');
    expect(await t.app.get(BotTurnRecovery).run(new Date())).toBe(0);
    const after = await db.collection('conversations').findOne({ _id: id });
    expect(after?.awaitingTurns).toEqual([{ clientMessageId: 'fresh-1' }]);
  });
});
