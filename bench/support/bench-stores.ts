import { randomBytes } from 'crypto';
import Redis from 'ioredis';
import mongoose from 'mongoose';
import { requireEnv } from './bench-cli';

/**
 * Where a bench run keeps its data: a database of its own on the MongoDB of MONGODB_URI (fresh
 * unless `--db` names one, and then dropped at the end) and a Bull prefix of its own on the
 * Redis of REDIS_URL, so runs never mix with each other's or a developer's data.
 */
export interface BenchStores {
  dbName: string;
  /** True when the bench made the database up, so it is the bench's to drop. */
  fresh: boolean;
  mongoUri: string;
  redisUrl: string;
  queuePrefix: string;
}

export function benchStores(bench: string, db: string | undefined): BenchStores {
  const baseUri = requireEnv('MONGODB_URI', bench);
  const redisUrl = requireEnv('REDIS_URL', bench);
  const fresh = db === undefined;
  const dbName = db ?? `pd_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(baseUri);
  url.pathname = `/${dbName}`;
  return {
    dbName,
    fresh,
    mongoUri: url.toString(),
    redisUrl,
    queuePrefix: `pd-bench-${randomBytes(4).toString('hex')}`,
  };
}

/**
 * Drops the fresh database and the Bull keys; failures are reported, not thrown, because this
 * runs in a `finally` and must not hide the run's own outcome. Stop the service first.
 */
export async function cleanUpStores(stores: BenchStores): Promise<void> {
  if (stores.fresh)
    await dropDatabase(stores.mongoUri).catch((e: Error) => console.error(`drop: ${e.message}`));
  await dropQueueKeys(stores.redisUrl, stores.queuePrefix).catch((e: Error) =>
    console.error(`redis cleanup: ${e.message}`),
  );
}

async function dropDatabase(mongoUri: string): Promise<void> {
  const connection = await mongoose.createConnection(mongoUri).asPromise();
  try {
    await connection.dropDatabase();
  } finally {
    await connection.close();
  }
}

/** Bull leaves its keys behind under the prefix; a bench run should not litter Redis. */
async function dropQueueKeys(redisUrl: string, queuePrefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let removed = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${queuePrefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) removed += await redis.del(...keys);
    } while (cursor !== '0');
    return removed;
  } finally {
    redis.disconnect();
  }
}
