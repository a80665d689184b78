import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { dirname, join } from 'path';
import { HttpErrorFilter } from './common/http-exception.filter';
import { createValidationPipe } from './common/validation.pipe';
import { AppConfig } from './config/app-config';
import { ChatIoAdapter } from './realtime/chat-io.adapter';

/** Everything main.ts and the e2e tests both need, so tests run the production wiring. */
export function configureApp(app: NestExpressApplication): INestApplication {
  const config = app.get(AppConfig);
  const origins = config.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  app.useWebSocketAdapter(new ChatIoAdapter(app, config.SOCKET_MAX_BYTES, origins));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  app.useBodyParser('json', { limit: '32kb' });
  app.useStaticAssets(join(__dirname, 'web'), { index: 'customer.html' });
  // The dashboards' charting library, served from the installed package (no copy in the repo).
  app.useStaticAssets(dirname(require.resolve('chart.js')), { prefix: '/vendor/chart.js/' });
  app.enableShutdownHooks();
  const openApi = new DocumentBuilder()
    .setTitle('PowerDesk')
    .setDescription('Customer-service chat and ticketing for an electric utility')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs/api', app, () => SwaggerModule.createDocument(app, openApi));
  return app;
}
