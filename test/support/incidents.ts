import { getConnectionToken } from '@nestjs/mongoose';
import { Connection, Types } from 'mongoose';
import { messageId, RecordingClient } from './clients';
import { TestApp } from './test-app';

export interface ChatMessage {
  id: string;
  sender: string;
  text: string;
  intent?: string;
}

/** Sends a customer message and waits for the bot's replies to it (until one matches). */
export async function tell(
  client: RecordingClient,
  text: string,
  until: (m: ChatMessage) => boolean = () => true,
): Promise<{ reply: ChatMessage; all: ChatMessage[] }> {
  const before = client.events<ChatMessage>('message:created').length;
  const ack = await client.emit('message:send', { clientMessageId: messageId(), text });
  if (!ack.ok) throw new Error(`message refused: ${JSON.stringify(ack)}`);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const fresh = client
      .events<ChatMessage>('message:created')
      .slice(before)
      .filter((m) => m.sender === 'bot');
    const hit = fresh.find(until);
    if (hit) return { reply: hit, all: fresh };
    if (Date.now() > deadline)
      throw new Error(`no matching reply to "${text}"; got ${JSON.stringify(fresh)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const allText = (r: { all: ChatMessage[] }): string => r.all.map((m) => m.text).join('\n');

/**
 * Feeders of the seeded city with `count` active accounts or more and no active outage in their
 * district's records, so reports there are the customers' own news.
 */
export async function quietFeeders(
  t: TestApp,
  count: number,
): Promise<{ feederId: string; districtCode: string; accounts: string[] }[]> {
  const db = t.app.get<Connection>(getConnectionToken()).db;
  if (!db) throw new Error('no database');
  const busy = await db
    .collection('utility_outages')
    .distinct('districtCode', { status: 'active' });
  const accounts = await db
    .collection<{ accountNumber: string; feederId: string; districtCode: string }>(
      'utility_accounts',
    )
    .find({ status: 'active', districtCode: { $nin: busy } })
    .toArray();
  const byFeeder = new Map<
    string,
    { feederId: string; districtCode: string; accounts: string[] }
  >();
  for (const a of accounts) {
    const entry = byFeeder.get(a.feederId) ?? {
      feederId: a.feederId,
      districtCode: a.districtCode,
      accounts: [],
    };
    entry.accounts.push(a.accountNumber);
    byFeeder.set(a.feederId, entry);
  }
  return [...byFeeder.values()].filter((f) => f.accounts.length >= count);
}

/** The system messages (notices) stored in a conversation. */
export async function systemMessages(t: TestApp, conversationId: string): Promise<string[]> {
  const db = t.app.get<Connection>(getConnectionToken()).db;
  if (!db) throw new Error('no database');
  const found = await db
    .collection<{ text: string; sender: string }>('messages')
    .find({ conversationId: new Types.ObjectId(conversationId), sender: 'system' })
    .toArray();
  return found.map((m) => m.text);
}

export { eventually } from './poll';

/** An active unplanned outage as the records (utility_outages) hold it; `fields` override. */
export function activeOutage(
  fields: { outageNo: string; districtCode: string } & Record<string, unknown>,
  now = new Date(),
) {
  return {
    kind: 'unplanned',
    status: 'active',
    feederIds: [] as string[],
    wholeDistrict: false,
    areaZh: '测试区域',
    areaEn: 'Test area',
    causeZh: '线路跳闸',
    causeEn: 'Line tripped',
    startAt: now,
    affectedCustomers: 40,
    etaHistory: [],
    updatedAt: now,
    ...fields,
  };
}
