import { Types } from 'mongoose';
import { facet, Outcome, textTerms } from '../../src/audit/search/search-terms';
import { SearchTranscriptsQueryDto } from '../../src/audit/search/search-transcripts-query.dto';
import { SERVICE_AREA } from '../../src/nlu/service-area';

/**
 * The generated corpus of bench:search: conversations spread over DAYS days with realistic
 * Chinese and English customer lines, street addresses (a long tail of rare character pairs)
 * and the facets the live path writes, and the mix of supervisor queries run against them.
 */

export const DAYS = 180;

/** One random generator for the whole run: the same corpus every time for a given size. */
let seed = 0x2f6e2b1;
export function random(): number {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
}
export const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

interface Topic {
  intent: string;
  weight: number;
  zh: string[];
  en: string[];
}

export const TOPICS: Topic[] = [
  {
    intent: 'outage.report',
    weight: 25,
    zh: ['我家停电了', '小区突然停电，什么时候来电', '{d}这边停电了吗', '楼里停电，电梯也停了'],
    en: ['my power is out', 'there is an outage in {d}', 'no electricity since this morning'],
  },
  {
    intent: 'outage.planned',
    weight: 8,
    zh: ['{d}明天有计划停电吗', '这周有没有检修停电'],
    en: ['any planned outages in {d} this week', 'is there maintenance tomorrow'],
  },
  {
    intent: 'billing.balance',
    weight: 22,
    zh: ['这个月电费怎么这么高', '我想查一下电费', '帮我查下欠费多少', '电费账单有问题'],
    en: ['why is my bill so high', 'how much do I owe', 'my bills look wrong'],
  },
  {
    intent: 'billing.tariff',
    weight: 10,
    zh: ['峰谷电价怎么算', '阶梯电价是多少', '居民电价有调整吗'],
    en: ['what are the tariffs', 'how does time-of-use pricing work'],
  },
  {
    intent: 'account.transfer',
    weight: 10,
    zh: ['我要办理过户', '新房开户需要什么材料', '销户怎么办理'],
    en: ['I want to transfer my account', 'how do I open a new account', 'close my account'],
  },
  {
    intent: 'meter.reading',
    weight: 8,
    zh: ['电表读数不对', '智能电表坏了', '电表跳闸了怎么办'],
    en: ['my meter reading is wrong', 'the smart meter is broken', 'meters keep tripping'],
  },
  {
    intent: 'service.complaint',
    weight: 7,
    zh: ['抢修太慢了，我要投诉', '客服态度不好', '电压不稳，家电都坏了'],
    en: ['the repair is too slow, I want to complain', 'voltage problems damaged my fridge'],
  },
  {
    intent: 'greeting',
    weight: 10,
    zh: ['你好', '在吗', '您好，请问一下'],
    en: ['hello', 'hi there', 'good morning'],
  },
];
const TOPIC_WEIGHT = TOPICS.reduce((s, t) => s + t.weight, 0);
const STREET_CHARS =
  '青禾东湖西山南港北城高新临江柳塘石桥长安和平建设解放人民胜利光明幸福花园锦绣春华秋实';
export const AGENTS = Array.from({ length: 20 }, () => new Types.ObjectId().toHexString());

function topic(): Topic {
  let r = random() * TOPIC_WEIGHT;
  for (const t of TOPICS) if ((r -= t.weight) < 0) return t;
  return TOPICS[0];
}

/** A street address: the long tail of rare character pairs that real transcripts have. */
function street(zh: boolean): string {
  const name = Array.from({ length: 2 }, () => pick([...STREET_CHARS])).join('');
  return zh
    ? `${name}路${1 + Math.floor(random() * 300)}号`
    : `No. ${1 + Math.floor(random() * 300)} ${name} Road`;
}

export interface Generated {
  id: string;
  createdAt: Date;
  language: 'zh' | 'en';
  lines: { seq: number; sender: string; text: string }[];
  terms: Set<string>;
}

let serial = 0;

export function conversation(now: number): Generated {
  const createdAt = new Date(now - random() * DAYS * 86_400_000);
  // The time part orders conversations as the service's ids do; the rest keeps them unique.
  const id =
    Math.floor(createdAt.getTime() / 1000)
      .toString(16)
      .padStart(8, '0') + (++serial).toString(16).padStart(16, '0');
  const zh = random() < 0.7;
  const district = pick(SERVICE_AREA);
  const fill = (s: string) => s.replace('{d}', zh ? district.zh : district.en);
  const lines: Generated['lines'] = [];
  const terms = new Set<string>([facet.channel('web'), facet.customer(id)]);
  const turns = 1 + Math.floor(random() * 3);
  for (let i = 0; i < turns; i++) {
    const t = topic();
    const said = fill(pick(zh ? t.zh : t.en)) + (random() < 0.3 ? ` ${street(zh)}` : '');
    // Each customer line is followed by the bot's reply, whose templated words are not indexed
    // and whose line is not in the summary.
    lines.push({ seq: 2 + 2 * i, sender: 'customer', text: said });
    textTerms(said).forEach((w) => terms.add(w));
    terms.add(facet.intent(t.intent));
  }
  if (random() < 0.5) terms.add(facet.district(district.code));
  if (random() < 0.25) {
    terms.add(facet.outcome('escalated'));
    const outcome: Outcome = random() < 0.15 ? 'abandoned' : 'resolved';
    terms.add(facet.outcome(outcome));
    if (outcome === 'resolved') {
      const agent = pick(AGENTS);
      terms.add(facet.agent(agent));
      lines.push({
        seq: 2 + 2 * turns,
        sender: 'agent',
        text: zh ? '您好，我是客服，已为您处理。' : 'Hi, I have sorted this out for you.',
      });
      if (random() < 0.6) terms.add(facet.rating(pick([1, 2, 3, 4, 4, 5, 5, 5])));
    }
  }
  return { id, createdAt, language: zh ? 'zh' : 'en', lines, terms };
}

export function queries(count: number, now: number): SearchTranscriptsQueryDto[] {
  const day = (ago: number) => new Date(now - ago * 86_400_000).toISOString().slice(0, 10);
  const words = [
    '停电',
    '电费',
    '过户',
    '电表',
    '投诉',
    '抢修',
    '峰谷电价',
    '跳闸',
    'outage',
    'bills',
    'meter',
    'tariffs',
    'complain',
    'account',
  ];
  const makers: (() => Partial<SearchTranscriptsQueryDto>)[] = [
    () => ({ q: pick(words) }),
    () => ({ q: `${pick(words)} ${pick(words)}` }),
    () => ({ q: pick(words), district: pick(SERVICE_AREA).code }),
    () => ({ q: pick(words), outcome: pick(['bot', 'escalated', 'resolved'] as const) }),
    () => ({ q: pick(words), agentId: pick(AGENTS) }),
    () => ({ intent: pick(TOPICS).intent, rating: 1 + Math.floor(random() * 5) }),
    () => ({ q: pick(words), from: day(60), to: day(30) }),
    () => ({ agentId: pick(AGENTS), from: day(120), to: day(90) }),
    () => ({ q: pick(words), page: 1 + Math.floor(random() * 5) }),
    () => ({ outcome: 'abandoned' as const, district: pick(SERVICE_AREA).code }),
  ];
  return Array.from({ length: count }, (_, i) =>
    Object.assign(new SearchTranscriptsQueryDto(), makers[i % makers.length]()),
  );
}
