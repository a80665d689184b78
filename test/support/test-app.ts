import { TranscriptSummariesService } from '../../src/audit/search/transcript-summaries.service';
import { LoggerService } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'crypto';
import { Connection } from 'mongoose';
import { AddressInfo } from 'net';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { AuthService } from '../../src/auth/auth.service';
import { LOG_DESTINATION } from '../../src/observability/logging.module';
import { DEMO_STAFF } from '../../src/seed/demo-seed.service';

export interface TestApp {
  app: NestExpressApplication;
  url: string;
  mongoUri: string;
  /** Empties every collection and re-creates the demo staff: each test starts from the same state. */
  reset(): Promise<void>;
  /** Stops the app; `keepData` leaves the database for a second app (a restart). */
  close(options?: { keepData?: boolean }): Promise<void>;
}

/** The database URI of this test file: the configured server, a database of its own. */
export function isolatedMongoUri(base = process.env.MONGODB_URI): string {
  if (!base) throw new Error('MONGODB_URI is not set: run the e2e tests through `npm test`');
  const url = new URL(base);
  url.pathname = `/pd_e2e_${randomBytes(4).toString('hex')}`;
  return url.toString();
}

/**
 * Boots the real application (real MongoDB-compatible store, real Redis and Bull, real
 * socket.io) on a free port, with its own database and Bull key prefix.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { logger?: LoggerService } = {},
): Promise<TestApp> {
  const mongoUri = env.MONGODB_URI ?? isolatedMongoUri();
  // The app reads its configuration once, while it is created; the environment is put back
  // afterwards so that the next app of this test file starts from the suite's own settings.
  const saved = { ...process.env };
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    QUEUE_PREFIX: `pd-e2e-${randomBytes(4).toString('hex')}`,
    ...env,
    MONGODB_URI: mongoUri,
  });
  let app: NestExpressApplication;
  try {
    const builder = Test.createTestingModule({ imports: [AppModule] });
    if (options.logger)
      builder.overrideProvider(LOG_DESTINATION).useValue(forwardTo(options.logger));
    const moduleRef = await builder.compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({
      rawBody: true,
      logger: options.logger ?? ['error'],
    });
    configureApp(app);
  } finally {
    process.env = saved;
  }
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const auth = app.get(AuthService);
  const connection = app.get<Connection>(getConnectionToken());

  return {
    app,
    url: `http://127.0.0.1:${port}`,
    mongoUri,
    async reset() {
      const db = connection.db;
      if (!db) throw new Error('no database connection');
      for (const c of await db.collections()) await c.deleteMany({});
      for (const member of DEMO_STAFF) await auth.upsertStaff(member);
      // The search's in-memory index is a projection of the database just emptied.
      await app.get(TranscriptSummariesService).reload();
    },
    async close(options = {}) {
      if (!options.keepData) await connection.db?.dropDatabase().catch(() => undefined);
      await app.close();
    },
  };
}

const LEVELS: Record<number, 'verbose' | 'debug' | 'log' | 'warn' | 'error'> = {
  10: 'verbose',
  20: 'debug',
  30: 'log',
  40: 'warn',
  50: 'error',
  60: 'error',
};

/**
 * The app logs JSON lines through pino; a test that reads the logs gets each line as a parsed
 * object (everything the line holds), its message, and an error's stack as plain text.
 */
function forwardTo(logger: LoggerService) {
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { level: number; msg?: string; err?: { stack?: string } };
        const stack = entry.err?.stack ? [entry.err.stack] : [];
        const write = logger[LEVELS[entry.level] ?? 'log'] ?? logger.log;
        write.call(logger, entry.msg ?? '', entry, ...stack);
      }
    },
  };
}
