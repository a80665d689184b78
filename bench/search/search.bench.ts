import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import { Connection, Types } from 'mongoose';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'util';
import { AccessLogEntry, AccessLogSchema } from '../../src/audit/access-log.schema';
import { AccessLogService } from '../../src/audit/access-log.service';
import {
  encodeLines,
  encodeTerms,
  StoredSummary,
  summaryCollection,
} from '../../src/audit/search/search-index.schema';
import { facet, Outcome, textTerms } from '../../src/audit/search/search-terms';
import { SearchTranscriptsQueryDto } from '../../src/audit/search/search-transcripts-query.dto';
import { TranscriptSearchService } from '../../src/audit/search/transcript-search.service';
import { TranscriptSummariesService } from '../../src/audit/search/transcript-summaries.service';
import { Principal } from '../../src/auth/principal';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { PersonalRefService } from '../../src/conversations/personal-ref.service';
import { ConversationView, MessageView } from '../../src/conversations/conversation.views';
import { SERVICE_AREA } from '../../src/nlu/service-area';
import { countOption, runBench } from '../support/bench-cli';
import { benchStores, cleanUpStores } from '../support/bench-stores';
import { fmt } from '../support/latency-stats';

/**
 * Transcript search benchmark: stores the search summaries of N conversations spread over 180
 * days (realistic Chinese and English lines, facets: exactly the documents the live path
 * writes), times the start-up load of the in-memory index from them, then ~200 varied queries
 * through TranscriptSearchService (index, summaries, access-log write). Measured in the same run
 * as references: a regex scan of a 10,000-message sample scaled to the corpus (the naive
 * search), and one read by `_id` of a summary, which FerretDB v1 answers with a table scan.
 * Last, the live write path (the listener's calls) on a sample of new conversations.
 *
 * Run with `npm run bench:search -- --conversations 100000 --queries 200`.
 */

const BENCH = 'bench:search';
const DAYS = 180;
const SAMPLE_MESSAGES = 10_000;
const LIVE_SAMPLE = 100;
const LIVE_CAP_MS = 60_000;
const INSERT_CHUNK = 2_000;

/** One random generator for the whole run: the same corpus every time for a given size. */
let seed = 0x2f6e2b1;
function random(): number {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

interface Topic {
  intent: string;
  weight: number;
  zh: string[];
  en: string[];
}

const TOPICS: Topic[] = [
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
const AGENTS = Array.from({ length: 20 }, () => new Types.ObjectId().toHexString());

/** Nearest-rank percentiles, as bench/support computes them, with the p95 of the target. */
function percentiles(values: number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

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

interface Generated {
  id: string;
  createdAt: Date;
  language: 'zh' | 'en';
  lines: { seq: number; sender: string; text: string }[];
  terms: Set<string>;
}

let serial = 0;

function conversation(now: number): Generated {
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

function queries(count: number, now: number): SearchTranscriptsQueryDto[] {
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

function options() {
  const { values } = parseArgs({
    options: {
      conversations: { type: 'string', default: '100000' },
      queries: { type: 'string', default: '200' },
      db: { type: 'string' },
    },
  });
  return {
    conversations: countOption('conversations', values.conversations, 1_000_000),
    queries: countOption('queries', values.queries, 10_000),
    db: values.db,
  };
}

async function main(): Promise<number> {
  const opts = options();
  const stores = benchStores(BENCH, opts.db);

  @Module({
    imports: [
      MongooseModule.forRoot(stores.mongoUri),
      MongooseModule.forFeature([{ name: AccessLogEntry.name, schema: AccessLogSchema }]),
    ],
    providers: [
      TranscriptSummariesService,
      TranscriptSearchService,
      AccessLogService,
      PersonalRefService,
      { provide: AppConfig, useFactory: () => loadConfig(process.env) },
    ],
  })
  class SearchBenchModule {}

  const app = await NestFactory.createApplicationContext(SearchBenchModule, { logger: ['error'] });
  try {
    const connection = app.get<Connection>(getConnectionToken());
    const store = app.get(TranscriptSummariesService);
    const now = Date.now();

    // 1. Generate and bulk-load the summaries.
    let started = performance.now();
    const sample: { conversationId: string; text: string; createdAt: Date }[] = [];
    let chunk: Generated[] = [];
    let messages = 0;
    let termsPerConversation = 0;
    const flush = async () => {
      const byDay = new Map<string, StoredSummary[]>();
      for (const c of chunk) {
        const day = c.createdAt.toISOString().slice(0, 10);
        const doc: StoredSummary = {
          _id: c.id,
          createdAt: c.createdAt,
          language: c.language,
          status: 'closed',
          channel: 'web',
          lines: encodeLines(c.lines),
          terms: encodeTerms(c.terms),
        };
        byDay.set(day, [...(byDay.get(day) ?? []), doc]);
      }
      for (const [day, docs] of byDay) {
        await summaryCollection(connection, day).insertMany(docs, { ordered: false });
      }
      chunk = [];
    };
    let some: Generated | undefined;
    for (let i = 0; i < opts.conversations; i++) {
      const c = conversation(now);
      messages += c.lines.length;
      termsPerConversation += c.terms.size;
      for (const line of c.lines) {
        if (sample.length < SAMPLE_MESSAGES)
          sample.push({ conversationId: c.id, text: line.text, createdAt: c.createdAt });
      }
      chunk.push(c);
      if (i === Math.floor(opts.conversations / 2)) some = c;
      if (chunk.length >= INSERT_CHUNK) await flush();
    }
    if (chunk.length > 0) await flush();
    const storedMs = performance.now() - started;
    console.log(
      `corpus: ${opts.conversations} conversations over ${DAYS} days, ${messages} lines, ` +
        `${fmt(termsPerConversation / opts.conversations)} terms per conversation; stored in ${fmt(storedMs / 1000)} s`,
    );

    // 2. The start-up load of the in-memory index.
    await store.whenReady(600_000);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    started = performance.now();
    await store.reload();
    const loadMs = performance.now() - started;
    global.gc?.();
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    console.log(
      `index load at start: ${fmt(loadMs / 1000)} s for ${opts.conversations} conversations; ` +
        `heap ${global.gc ? '' : '(no --expose-gc, rough) '}+${fmt(heapMb)} MB ` +
        `(${fmt((heapMb * 1024) / opts.conversations)} KB per conversation)`,
    );

    // 3. Queries through the service.
    const search = app.get(TranscriptSearchService);
    const reader: Principal = {
      id: 'bench',
      username: 'bench',
      displayName: 'bench',
      role: 'supervisor',
      languages: [],
      skills: [],
      permissions: [],
    };
    const timings: number[] = [];
    let hits = 0;
    let total = 0;
    for (const query of queries(opts.queries, now)) {
      const t0 = performance.now();
      const page = await search.search(query, reader);
      timings.push(performance.now() - t0);
      hits += page.results.length;
      total += page.total;
    }
    const p = percentiles(timings);
    console.log(
      `index queries (${opts.queries}): p50 ${fmt(p.p50)} ms, p95 ${fmt(p.p95)} ms, p99 ${fmt(p.p99)} ms; ` +
        `${fmt(hits / opts.queries)} results per page, ${fmt(total / opts.queries)} matches per query`,
    );

    // 4a. Reference: one summary read by _id from its day's collection (what a write costs).
    const byId: number[] = [];
    const day = some!.createdAt.toISOString().slice(0, 10);
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await summaryCollection(connection, day).findOne({ _id: some!.id });
      byId.push(performance.now() - t0);
    }
    console.log(
      `reference: one read by _id in a day's summaries (~${Math.round(opts.conversations / DAYS)}): p50 ${fmt(percentiles(byId).p50)} ms`,
    );

    // 4b. The naive reference: a regex scan of a message sample, scaled to the corpus.
    const reference = connection.collection('bench_messages');
    await reference.insertMany(sample, { ordered: false });
    const scan: number[] = [];
    for (const word of ['停电', '电费', 'outage', '投诉', 'meter']) {
      const t0 = performance.now();
      await reference
        .find({ text: { $regex: word, $options: 'i' } })
        .sort({ createdAt: -1 })
        .limit(20)
        .toArray();
      scan.push(performance.now() - t0);
    }
    const scanP50 = percentiles(scan).p50;
    const scale = messages / sample.length;
    console.log(
      `reference regex scan of ${sample.length} messages: p50 ${fmt(scanP50)} ms; scaled to ${messages} messages ≈ ${fmt((scanP50 * scale) / 1000)} s per query`,
    );

    // 5. The live write path, as the listener calls it, on new conversations.
    started = performance.now();
    const written = Promise.all(
      Array.from({ length: LIVE_SAMPLE }, () => conversation(Date.now() - 86_400_000)).map((c) =>
        live(store, c),
      ),
    ).then(() => true);
    const finished = await Promise.race([
      written,
      new Promise<false>((done) => setTimeout(() => done(false), LIVE_CAP_MS)),
    ]);
    const liveMs = performance.now() - started;
    console.log(
      finished
        ? `live write path: ${LIVE_SAMPLE} conversations (${LIVE_SAMPLE * 4} writes) in ${fmt(liveMs)} ms`
        : `live write path: ${LIVE_SAMPLE} conversations not done in ${LIVE_CAP_MS / 1000} s`,
    );

    console.log(`target p95 < 300 ms: ${p.p95 < 300 ? 'met' : 'NOT met'}`);
  } finally {
    await app.close();
    await cleanUpStores(stores);
  }
  return 0;
}

/** What SearchIndexerListener does for a conversation: summary, lines with their words, facets. */
async function live(store: TranscriptSummariesService, c: Generated): Promise<void> {
  const view = {
    id: c.id,
    createdAt: c.createdAt.toISOString(),
    language: c.language,
    status: 'closed',
    channel: 'web',
  } as unknown as ConversationView;
  await store.upsertConversation(view, [facet.customer(c.id), facet.channel('web')]);
  for (const line of c.lines.slice(0, 2)) {
    const message = { conversationId: c.id, ...line } as unknown as MessageView;
    await store.update(c.id, { line: message, terms: textTerms(line.text) });
  }
  await store.update(c.id, { terms: c.terms });
}

runBench(BENCH, 30 * 60_000, main);
