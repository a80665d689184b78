import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'util';
import { AccessLogEntry, AccessLogSchema } from '../../src/audit/access-log.schema';
import { AccessLogService } from '../../src/audit/access-log.service';
import { SearchCopyService } from '../../src/audit/search/search-copy.service';
import { SearchFeedService } from '../../src/audit/search/search-feed.service';
import { facet, textTerms } from '../../src/audit/search/search-terms';
import {
  StoredSummary,
  SUMMARY_COLLECTION,
  SUMMARY_INDEXES,
} from '../../src/audit/search/summary-document';
import { termsOf, TranscriptSearchService } from '../../src/audit/search/transcript-search.service';
import { TranscriptSummariesRepository } from '../../src/audit/search/transcript-summaries.repository';
import { TranscriptSummariesService } from '../../src/audit/search/transcript-summaries.service';
import { Principal } from '../../src/auth/principal';
import { RedisService } from '../../src/common/redis.service';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { ConversationView, MessageView } from '../../src/conversations/conversation.views';
import { PersonalRefService } from '../../src/conversations/personal-ref.service';
import { countOption, runBench } from '../support/bench-cli';
import { benchStores, cleanUpStores } from '../support/bench-stores';
import { fmt } from '../support/latency-stats';
import { conversation, DAYS, Generated, queries } from './corpus';

/**
 * Transcript search benchmark: stores the summaries of N conversations spread over 180 days
 * (exactly the documents the live path writes) in `transcript_summaries`, times an instance's
 * load of its copy from them, then ~200 varied queries through TranscriptSearchService (copy,
 * summaries, access-log write). References measured in the same run: the same queries sent to
 * the store directly (`{terms: {$all}}`, a page and its total), a read by `_id`, the look for
 * changed summaries, a regex scan of a message sample scaled to the corpus. Last, the live write
 * path, and a second instance (same database and Redis prefix): how long after a write on A
 * the instance B finds it.
 *
 * Run with `npm run bench:search -- --conversations 100000 --queries 200`.
 */

const BENCH = 'bench:search';
const SAMPLE_MESSAGES = 10_000;
const LIVE_SAMPLE = 100;
const LIVE_CAP_MS = 60_000;
const INSERT_CHUNK = 2_000;
const VISIBLE_SAMPLE = 30;
const VISIBLE_CAP_MS = 10_000;

function options() {
  const { values } = parseArgs({
    options: {
      conversations: { type: 'string', default: '100000' },
      queries: { type: 'string', default: '200' },
      direct: { type: 'string', default: '20' },
      db: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  return {
    help: values.help,
    conversations: countOption('conversations', values.conversations, 1_000_000),
    queries: countOption('queries', values.queries, 10_000),
    direct: countOption('direct', values.direct, 1_000),
    db: values.db,
  };
}

const HELP = `npm run bench:search -- [--conversations 100000] [--queries 200] [--direct 20] [--db NAME]
  --conversations  summaries stored before measuring
  --queries        queries through the service (the p95 of the target)
  --direct         of them, how many also go to the store as {terms: {$all}} (the reference)
  --db             a database to use (kept); default a fresh one, dropped at the end`;

/** Nearest-rank percentiles, as bench/support computes them, with the p95 of the target. */
function percentiles(values: number[]): { p50: number; p95: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] };
}

const reader: Principal = {
  id: 'bench',
  username: 'bench',
  displayName: 'bench',
  role: 'supervisor',
  languages: [],
  skills: [],
  permissions: [],
};

async function main(): Promise<number> {
  const opts = options();
  if (opts.help) {
    console.log(HELP);
    return 0;
  }
  const stores = benchStores(BENCH, opts.db);
  // Both instances read the configuration: one database, one Redis prefix (a pair of replicas).
  process.env.QUEUE_PREFIX = stores.queuePrefix;

  @Module({
    imports: [
      MongooseModule.forRoot(stores.mongoUri),
      MongooseModule.forFeature([{ name: AccessLogEntry.name, schema: AccessLogSchema }]),
    ],
    providers: [
      TranscriptSummariesRepository,
      SearchFeedService,
      SearchCopyService,
      TranscriptSummariesService,
      TranscriptSearchService,
      AccessLogService,
      PersonalRefService,
      RedisService,
      { provide: AppConfig, useFactory: () => loadConfig(process.env) },
    ],
  })
  class SearchBenchModule {}

  const open = () => NestFactory.createApplicationContext(SearchBenchModule, { logger: ['error'] });
  const app = await open();
  let second: INestApplicationContext | undefined;
  try {
    const connection = app.get<Connection>(getConnectionToken());
    const summaries = connection.collection<StoredSummary>(SUMMARY_COLLECTION);
    const store = app.get(TranscriptSummariesService);
    const copy = app.get(SearchCopyService);
    await copy.whenReady(600_000);
    const now = Date.now();

    // 1. Generate and bulk-load the summaries.
    let started = performance.now();
    const sample: { conversationId: string; text: string; createdAt: Date }[] = [];
    const ids: string[] = [];
    let chunk: StoredSummary[] = [];
    let messages = 0;
    let termsPerConversation = 0;
    for (let i = 0; i < opts.conversations; i++) {
      const c = conversation(now);
      messages += c.lines.length;
      termsPerConversation += c.terms.size;
      for (const line of c.lines) {
        if (sample.length < SAMPLE_MESSAGES)
          sample.push({ conversationId: c.id, text: line.text, createdAt: c.createdAt });
      }
      ids.push(c.id);
      chunk.push(stored(c));
      if (chunk.length >= INSERT_CHUNK) {
        await summaries.insertMany(chunk, { ordered: false });
        chunk = [];
      }
    }
    if (chunk.length > 0) await summaries.insertMany(chunk, { ordered: false });
    await summaries.createIndexes(SUMMARY_INDEXES);
    console.log(
      `corpus: ${opts.conversations} conversations over ${DAYS} days, ${messages} lines, ` +
        `${fmt(termsPerConversation / opts.conversations)} terms per conversation; ` +
        `stored in ${fmt((performance.now() - started) / 1000)} s`,
    );

    // 2. An instance's load of its copy.
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    started = performance.now();
    await copy.reload();
    const loadMs = performance.now() - started;
    global.gc?.();
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    console.log(
      `copy load at start: ${fmt(loadMs / 1000)} s for ${opts.conversations} conversations; ` +
        `heap ${global.gc ? '' : '(no --expose-gc, rough) '}+${fmt(heapMb)} MB ` +
        `(${fmt((heapMb * 1024) / opts.conversations)} KB per conversation)`,
    );

    // 3. Queries through the service.
    const search = app.get(TranscriptSearchService);
    const mix = queries(opts.queries, now);
    const timings: number[] = [];
    let hits = 0;
    let total = 0;
    for (const query of mix) {
      const t0 = performance.now();
      const page = await search.search(query, reader);
      timings.push(performance.now() - t0);
      hits += page.results.length;
      total += page.total;
    }
    const p = percentiles(timings);
    console.log(
      `queries from the copy (${opts.queries}): p50 ${fmt(p.p50)} ms, p95 ${fmt(p.p95)} ms, ` +
        `p99 ${fmt(p.p99)} ms; ${fmt(hits / opts.queries)} results per page, ` +
        `${fmt(total / opts.queries)} matches per query`,
    );

    // 4a. Reference: the same queries straight to the store (a page newest first and its total).
    const refs = app.get(PersonalRefService);
    const direct: number[] = [];
    for (const query of mix.slice(0, opts.direct)) {
      const { all, none } = termsOf(query, (n) => refs.of(n));
      const filter: Record<string, unknown> = {};
      if (all.length > 0 || none.length > 0)
        filter.terms = {
          ...(all.length > 0 && { $all: all }),
          ...(none.length > 0 && { $nin: none }),
        };
      if (query.from || query.to)
        filter.createdAt = {
          ...(query.from && { $gte: new Date(`${query.from}T00:00:00Z`) }),
          ...(query.to && {
            $lt: new Date(new Date(`${query.to}T00:00:00Z`).getTime() + 86_400_000),
          }),
        };
      const t0 = performance.now();
      await summaries
        .find(filter)
        .sort({ createdAt: -1, _id: -1 })
        .skip((query.page - 1) * query.limit)
        .limit(query.limit)
        .toArray();
      await summaries.countDocuments(filter);
      direct.push(performance.now() - t0);
    }
    const d = percentiles(direct);
    console.log(
      `reference: the first ${opts.direct} queries as {terms: {$all}} on the store: ` +
        `p50 ${fmt(d.p50)} ms, p95 ${fmt(d.p95)} ms, max ${fmt(d.max)} ms`,
    );

    // 4b. References: a read by _id (what a read-back costs) and the look for changed summaries.
    const some = ids[Math.floor(ids.length / 2)];
    const byId: number[] = [];
    const look: number[] = [];
    for (let i = 0; i < 5; i++) {
      let t0 = performance.now();
      await summaries.find({ _id: { $in: [some, ids[i]] } }).toArray();
      byId.push(performance.now() - t0);
      t0 = performance.now();
      await copy.look();
      look.push(performance.now() - t0);
    }
    console.log(
      `reference: read of 2 summaries by _id: p50 ${fmt(percentiles(byId).p50)} ms; ` +
        `the look for changed summaries (every 30 s per instance): p50 ${fmt(percentiles(look).p50)} ms`,
    );

    // 4c. The naive reference: a regex scan of a message sample, scaled to the corpus.
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
      `reference: regex scan of ${sample.length} messages: p50 ${fmt(scanP50)} ms; ` +
        `scaled to ${messages} messages ≈ ${fmt((scanP50 * scale) / 1000)} s per query`,
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

    // 6. A second instance: its start, and how soon it finds what the first one wrote.
    started = performance.now();
    second = await open();
    const other = second.get(SearchCopyService);
    await other.whenReady(600_000);
    console.log(`instance B: copy loaded in ${fmt((performance.now() - started) / 1000)} s`);
    const visible: number[] = [];
    for (let i = 0; i < VISIBLE_SAMPLE; i++) {
      const term = `bench-visible-${i}`;
      const id = ids[Math.floor((i * ids.length) / VISIBLE_SAMPLE)];
      const t0 = performance.now();
      await store.update(id, { terms: [term] });
      while (other.match({ all: [term], skip: 0, take: 1 }).matched === 0) {
        if (performance.now() - t0 > VISIBLE_CAP_MS) throw new Error(`${term} never reached B`);
        await new Promise((r) => setTimeout(r, 1));
      }
      visible.push(performance.now() - t0);
    }
    const v = percentiles(visible);
    console.log(
      `write on A found by B (${VISIBLE_SAMPLE} writes, from the write's start): ` +
        `p50 ${fmt(v.p50)} ms, p95 ${fmt(v.p95)} ms, max ${fmt(v.max)} ms`,
    );

    console.log(`target p95 < 300 ms: ${p.p95 < 300 ? 'met' : 'NOT met'}`);
  } finally {
    await second?.close();
    await app.close();
    await cleanUpStores(stores);
  }
  return 0;
}

function stored(c: Generated): StoredSummary {
  return {
    _id: c.id,
    createdAt: c.createdAt,
    language: c.language,
    status: 'closed',
    channel: 'web',
    lines: c.lines,
    terms: [...c.terms],
    indexedAt: c.createdAt,
    rev: 1,
  };
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
  await store.update(c.id, { terms: [...c.terms] });
}

runBench(BENCH, 30 * 60_000, main);
