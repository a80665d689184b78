import { getConnectionToken } from '@nestjs/mongoose';
import { Connection, Types } from 'mongoose';
import { ESCALATION_REASONS } from '../../src/dialogue/escalation-policy';
import { formatPeriod } from '../../src/dialogue/turn';
import { INTENT_NAMES } from '../../src/nlu/intent-catalogue';
import { SERVICE_REQUEST_TYPES } from '../../src/utility/service-request.schema';
import { TicketsQueryService } from '../../src/tickets/tickets-query.service';
import { BillsService } from '../../src/utility/bills.service';
import { UtilitySeedService } from '../../src/utility/utility-seed.service';
import { AckBody, messageId, RecordingClient, startCustomer } from '../support/clients';
import { startTestApp, TestApp } from '../support/test-app';
import { ConversationScript, loadCorpus, pattern, ScriptTurn } from './conversation-script';

interface Message {
  sender: string;
  clientMessageId?: string;
  text: string;
  intent?: string;
  card?: { type: string };
}

/**
 * The conversation corpus (test/conversations/*.conv), each script played by a customer over
 * socket.io against the real app and stores: the intent recorded, what the bot said, and the
 * records the conversation left (service requests, tickets, bot misses).
 */
const CORPUS = loadCorpus(__dirname);

describe('the conversation corpus', () => {
  let t: TestApp;
  let db: NonNullable<Connection['db']>;
  const clients: RecordingClient[] = [];
  const vars: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    await t.reset();
    await t.app.get(UtilitySeedService).seed({ seed: 7, customers: 200, now: new Date() });
    db = t.app.get<Connection>(getConnectionToken()).db!;
    // The months scripts may name: the latest bill and the ones before it (the same for the
    // well-known accounts, all billed up to the same month).
    const bills = await t.app.get(BillsService).listBills('1000004067', 3);
    bills.forEach((b, i) => {
      const name = ['LATEST', 'PREVIOUS', 'BEFORE_PREVIOUS'][i];
      vars[`${name}_ZH`] = formatPeriod(b.period, 'zh');
      vars[`${name}_EN`] = formatPeriod(b.period, 'en');
    });
  }, 90_000);
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(() => t?.close());

  it('has at least 40 conversations, half of them in each language', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    const zh = CORPUS.filter((c) => c.language === 'zh').length;
    expect(Math.abs(zh - (CORPUS.length - zh))).toBeLessThanOrEqual(CORPUS.length * 0.1);
    expect(new Set(CORPUS.map((c) => c.id)).size).toBe(CORPUS.length);
  });

  it('covers every intent of the catalogue, every escalation reason and every request kind', () => {
    const intents = new Set(CORPUS.flatMap((c) => c.turns.map((t) => t.intent)));
    const records = CORPUS.flatMap((c) => c.expect);
    const reasons = new Set(records.map((e) => (e.kind === 'ticket' ? e.reason : undefined)));
    const requests = new Set(records.map((e) => (e.kind === 'request' ? e.type : undefined)));
    expect(INTENT_NAMES.filter((i) => !intents.has(i))).toEqual([]);
    expect(ESCALATION_REASONS.filter((r) => !reasons.has(r))).toEqual([]);
    expect(SERVICE_REQUEST_TYPES.filter((r) => !requests.has(r))).toEqual([]);
  });

  for (const script of CORPUS) {
    it(`${script.id} ${script.title} (${script.file}:${script.line})`, async () => {
      const { client, conversationId } = await startCustomer(t.url, script.language, clients);
      const transcript: string[] = [];
      for (const turn of script.turns) {
        const replies = await play(client, turn.text, (got) => expected(turn, got));
        transcript.push(`> ${turn.text}`, ...replies.map((r) => `< [${r.intent ?? ''}] ${r.text}`));
        checkTurn(script, turn, replies, transcript);
        if (turn.status) await waitForStatus(client, turn.status, script, turn, transcript);
      }
      await checkRecords(script, conversationId, transcript);
    }, 60_000);
  }

  /**
   * Sends a message and returns the bot's replies to it: once what the script expects has come
   * (or 15 s have passed), and no further reply for a moment.
   */
  async function play(
    client: RecordingClient,
    text: string,
    complete: (replies: Message[]) => boolean,
  ): Promise<Message[]> {
    const id = messageId();
    // A generous ack timeout: on a loaded CI machine the store can take seconds to answer.
    const ack = (await client.socket
      .timeout(15_000)
      .emitWithAck('message:send', { clientMessageId: id, text })) as AckBody;
    if (!ack.ok) throw new Error(`message:send failed: ${JSON.stringify(ack.error)}`);
    const mine = () =>
      client
        .events<Message>('message:created')
        .filter((m) => m.clientMessageId?.startsWith(`bot#${id}#`));
    const deadline = Date.now() + 15_000;
    let count = 0;
    let stableSince = Date.now();
    for (;;) {
      const now = mine().length;
      if (now !== count) {
        count = now;
        stableSince = Date.now();
      }
      if (count > 0 && complete(mine()) && Date.now() - stableSince > 300) return mine();
      if (Date.now() > deadline) return mine();
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Whether the replies so far show everything the turn expects to see. */
  function expected(turn: ScriptTurn, replies: Message[]): boolean {
    const texts = replies.map((r) => r.text);
    return (
      turn.replies.every((body) => texts.some((x) => pattern(body, vars).test(x))) &&
      (!turn.card || replies.some((r) => r.card?.type === turn.card))
    );
  }

  function checkTurn(
    script: ConversationScript,
    turn: ScriptTurn,
    replies: Message[],
    transcript: string[],
  ): void {
    const fail = (why: string): never => {
      throw new Error(
        `${script.file}:${turn.line} (${script.id}): ${why}\n\n${transcript.join('\n')}`,
      );
    };
    if (replies.length === 0) fail('the bot did not answer');
    if (turn.intent && replies[0].intent !== turn.intent)
      fail(`intent ${replies[0].intent}, expected ${turn.intent}`);
    const texts = replies.map((r) => r.text);
    for (const body of turn.replies) {
      const re = pattern(body, vars);
      if (!texts.some((x) => re.test(x))) fail(`no reply matches /${re.source}/`);
    }
    for (const body of turn.not) {
      const re = pattern(body, vars);
      if (texts.some((x) => re.test(x))) fail(`a reply matches /${re.source}/, which it must not`);
    }
    if (turn.card && !replies.some((r) => r.card?.type === turn.card)) fail(`no ${turn.card} card`);
    const language = turn.answersIn ?? script.language;
    const han = /\p{Script=Han}/u;
    for (const x of texts) {
      if (language === 'zh' && !han.test(x)) fail(`a reply is not in Chinese: ${x}`);
      if (language === 'en' && han.test(x)) fail(`a reply is not in English: ${x}`);
    }
  }

  async function waitForStatus(
    client: RecordingClient,
    status: string,
    script: ConversationScript,
    turn: ScriptTurn,
    transcript: string[],
  ): Promise<void> {
    try {
      await client.waitFor<{ status: string }>('conversation:updated', (c) => c.status === status);
    } catch {
      throw new Error(
        `${script.file}:${turn.line} (${script.id}): the conversation never became ${status}\n\n${transcript.join('\n')}`,
      );
    }
  }

  async function checkRecords(
    script: ConversationScript,
    conversationId: string,
    transcript: string[],
  ): Promise<void> {
    const tickets = () =>
      t.app.get(TicketsQueryService).listForConversation(new Types.ObjectId(conversationId));
    const requests = () =>
      db.collection('utility_service_requests').find({ conversationId }).toArray();
    const misses = () => db.collection('bot_misses').find({ conversationId }).toArray();
    for (const e of script.expect) {
      const fail = (why: string): never => {
        throw new Error(
          `${script.file}:${script.line} (${script.id}): ${why}\n\n${transcript.join('\n')}`,
        );
      };
      // Tickets and misses are written after the replies: positive checks wait a little.
      const eventually = async (ok: () => Promise<boolean>): Promise<boolean> => {
        const deadline = Date.now() + 5000;
        while (!(await ok())) {
          if (Date.now() > deadline) return false;
          await new Promise((r) => setTimeout(r, 50));
        }
        return true;
      };
      switch (e.kind) {
        case 'request':
          if (!(await eventually(async () => (await requests()).some((r) => r.type === e.type))))
            fail(
              `no ${e.type} request was created (got ${(await requests()).map((r) => r.type as string).join(', ') || 'none'})`,
            );
          break;
        case 'no request':
          if ((await requests()).length > 0)
            fail(
              `requests were created: ${(await requests()).map((r) => r.type as string).join(', ')}`,
            );
          break;
        case 'ticket':
          if (
            !(await eventually(async () =>
              (await tickets()).some(
                (k) =>
                  k.reason === e.reason && (e.priority === undefined || k.priority === e.priority),
              ),
            ))
          )
            fail(
              `no ${e.reason} ticket (got ${(await tickets()).map((k) => `${k.reason}/${k.priority}`).join(', ') || 'none'})`,
            );
          break;
        case 'no ticket':
          if ((await tickets()).length > 0)
            fail(`a ticket was opened: ${(await tickets()).map((k) => k.reason).join(', ')}`);
          break;
        case 'miss':
          if (!(await eventually(async () => (await misses()).some((m) => m.intent === e.intent))))
            fail(
              `no bot miss with intent ${e.intent} (got ${(await misses()).map((m) => m.intent as string).join(', ') || 'none'})`,
            );
          break;
        case 'no miss':
          if ((await misses()).length > 0)
            fail(
              `bot misses were recorded: ${(await misses()).map((m) => `${m.intent as string}: ${m.text as string}`).join('; ')}`,
            );
          break;
      }
    }
  }
});
