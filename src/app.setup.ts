import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { NextFunction, Request, Response } from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { dirname, join } from 'path';
import { bodyParserErrors, refuseDeepBodies } from './common/body-errors';
import { HttpErrorFilter } from './common/http-exception.filter';
import { apiDocsHeaders, securityHeaders } from './common/security-headers';
import { createValidationPipe } from './common/validation.pipe';
import { AppConfig } from './config/app-config';
import { ChatIoAdapter } from './realtime/chat-io.adapter';

/** Larger request bodies are refused with 413 TOO_LARGE. */
const BODY_LIMIT = '32kb';

/** Everything main.ts and the e2e tests both need, so tests run the production wiring. */
export function configureApp(app: NestExpressApplication): INestApplication {
  const config = app.get(AppConfig);
  const origins = config.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  app.disable('x-powered-by');
  // Same hop count as the sockets' client address (src/chat/client-address.ts).
  app.set('trust proxy', config.TRUST_PROXY);
  const pages = securityHeaders(origins);
  const apiDocs = apiDocsHeaders();
  app.use((request: Request, response: Response, next: NextFunction) =>
    (request.path.startsWith('/docs/api') ? apiDocs : pages)(request, response, next),
  );
  app.useWebSocketAdapter(
    new ChatIoAdapter(app, config.SOCKET_MAX_BYTES, origins, {
      url: config.REDIS_URL,
      prefix: config.QUEUE_PREFIX,
    }),
  );
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.use(bodyParserErrors(BODY_LIMIT));
  app.use(refuseDeepBodies);
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
