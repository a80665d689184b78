import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { AppConfig, loadConfig } from './config/app-config';

async function bootstrap(): Promise<void> {
  // Validate before Nest starts, so a bad variable is one clear line, not a stack of DI errors.
  try {
    loadConfig(process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  // Held until configureApp hands Nest the JSON logger (LOG_LEVEL is applied there).
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bufferLogs: true,
    // The SMS webhook's signature is over the body as sent (src/channels/sms).
    rawBody: true,
  });
  configureApp(app);
  const config = app.get(AppConfig);
  // The drain is bounded by SHUTDOWN_GRACE_MS; a close that still hangs after it (a store that
  // never answers) must not keep a stopped instance alive.
  process.once('SIGTERM', () => {
    setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_MS + 10_000).unref();
  });
  await app.listen(config.PORT);
  new Logger('PowerDesk').log(
    `listening on http://localhost:${config.PORT} (customer chat at /, agent desk at /agent.html)`,
  );
}

void bootstrap();
