import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../config/app-config';
import { DemoSeedService } from './demo-seed.service';
import { SeedModule } from './seed.module';

async function main(): Promise<void> {
  loadConfig(process.env);
  const app = await NestFactory.createApplicationContext(SeedModule, {
    logger: ['error', 'warn', 'log'],
  });
  try {
    await app.get(DemoSeedService).run();
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
