import { performance } from 'node:perf_hooks';
import { Socket } from 'socket.io-client';
import { command, openSocket } from '../support/socket-client';

/** Generous: under a storm a slow answer is a figure to report, not a failure. */
const STEP_TIMEOUT_MS = 60_000;

export type Role = 'report' | 'subscribe' | 'insist' | 'confused';

/** What each simulated customer does after reporting: half subscribe, a tenth push for a person. */
export function roleOf(i: number): Role {
  const r = i % 20;
  if (r < 10) return 'subscribe';
  if (r === 10) return 'insist';
  if (r === 11) return 'confused';
  return 'report';
}

const REPORTS = {
  zh: ['停电了！户号{a}', '我家没电了，户号是{a}，整栋楼都黑了', '又停电了啊 户号 {a} 怎么回事'],
  en: [
    'power is out, account {a}',
    'no electricity here since 5 min, acct {a}',
    'powr cut!! account no {a}',
  ],
};
const FOLLOW_UPS: Record<Exclude<Role, 'report'>, { zh: string[]; en: string[] }> = {
  subscribe: { zh: ['来电了通知我'], en: ["tell me when it's back pls"] },
  insist: { zh: ['我要转人工'], en: ['I want to talk to a real person'] },
  // Twice not understood: without storm mode this is a handoff.
  confused: {
    zh: ['I need the thing with the stuff', 'you know, the other thing'],
    en: ['I need the thing with the stuff', 'you know, the other thing'],
  },
};

export interface CustomerOutcome {
  conversationId?: string;
  role: Role;
  /** Send to the bot's first reply, ms, for each message. */
  replyMs: number[];
  lastReply?: string;
  error?: string;
}

interface Created {
  sender: string;
  text: string;
}

/** One customer: connect, start a chat, report the outage, then act out the role. */
export async function runCustomer(
  url: string,
  i: number,
  accountNumber: string,
): Promise<CustomerOutcome> {
  const role = roleOf(i);
  const language = i % 2 === 0 ? 'zh' : 'en';
  const outcome: CustomerOutcome = { role, replyMs: [] };
  let socket: Socket | undefined;
  try {
    socket = await openSocket(`${url}/customer`, STEP_TIMEOUT_MS);
    const replies: Created[] = [];
    socket.on('message:created', (m: Created) => {
      if (m.sender === 'bot') replies.push(m);
    });
    const started = await command(socket, 'conversation:start', { language }, STEP_TIMEOUT_MS);
    outcome.conversationId = started.conversation?.id;
    const texts = [
      REPORTS[language][i % 3].replace('{a}', accountNumber),
      ...(role === 'report' ? [] : FOLLOW_UPS[role][language]),
    ];
    for (const [n, text] of texts.entries()) {
      const before = replies.length;
      const at = performance.now();
      await command(
        socket,
        'message:send',
        { clientMessageId: `storm-${i}-${n}`, text },
        STEP_TIMEOUT_MS,
      );
      await waitUntil(() => replies.length > before, STEP_TIMEOUT_MS);
      outcome.replyMs.push(performance.now() - at);
      // The turn's replies arrive together; give the rest of them a moment.
      await new Promise((r) => setTimeout(r, 30));
      outcome.lastReply = replies
        .slice(before)
        .map((m) => m.text)
        .join('\n');
    }
  } catch (error) {
    outcome.error = (error as Error).message;
  } finally {
    socket?.disconnect();
  }
  return outcome;
}

async function waitUntil(check: () => boolean, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`no bot reply within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
