import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { NextFunction, Request, Response } from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { join } from 'path';
import { bodyParserErrors, refuseDeepBodies } from './common/body-errors';
import { HttpErrorFilter } from './common/http-exception.filter';
import { apiDocsHeaders, securityHeaders } from './common/security-headers';
import { createValidationPipe } from './common/validation.pipe';
import { AppConfig } from './config/app-config';
import { DrainState } from './health/drain-state';
import { drainGate } from './health/drain-gate';
import { DrainingIoAdapter } from './health/draining-io.adapter';
import { IoServers } from './observability/io-servers';
import { mountQueueBoard, QUEUE_BOARD_PATH } from './observability/queue-board';

/** Larger request bodies are refused with 413 TOO_LARGE. */
const BODY_LIMIT = '32kb';

/** Everything main.ts and the e2e tests both need, so tests run the production wiring. */
export function configureApp(app: NestExpressApplication): INestApplication {
  // Every `new Logger(X)` of the code base writes JSON lines through pino from here on.
  app.useLogger(app.get(Logger));
  const config = app.get(AppConfig);
  const origins = config.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  app.disable('x-powered-by');
  // Same hop count as the sockets' client address (src/chat/client-address.ts).
  app.set('trust proxy', config.TRUST_PROXY);
  const drain = app.get(DrainState);
  // First, so a draining instance refuses new requests before doing any work for them.
  app.use(drainGate(drain));
  const pages = securityHeaders(origins);
  const apiDocs = apiDocsHeaders();
  // Swagger UI and the queue board style themselves inline: there, and only there, it is allowed.
  const inlineStyles = (path: string) =>
    path.startsWith('/docs/api') || path.startsWith(QUEUE_BOARD_PATH);
  app.use((request: Request, response: Response, next: NextFunction) =>
    (inlineStyles(request.path) ? apiDocs : pages)(request, response, next),
  );
  app.useWebSocketAdapter(
    new DrainingIoAdapter(
      app,
      config.SOCKET_MAX_BYTES,
      origins,
      { url: config.REDIS_URL, prefix: config.QUEUE_PREFIX },
      drain,
      app.get(IoServers),
    ),
  );
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  app.useBodyParser('json', { limit: BODY_LIMIT });
  // WeChat pushes XML (src/channels/wechat); nothing else reads text bodies.
  app.useBodyParser('text', { type: ['text/xml', 'application/xml'], limit: '16kb' });
  app.use(bodyParserErrors(BODY_LIMIT));
  app.use(refuseDeepBodies);
  mountQueueBoard(app);
  // The staff pages built by Vite from frontend/ (npm run build:web; chart.js is bundled into the
  // supervisor desk), then the hand-written customer pages.
  app.useStaticAssets(join(__dirname, '..', 'frontend', 'dist'), { index: false });
  app.useStaticAssets(join(__dirname, 'web'), { index: 'customer.html' });
  // SIGTERM drains first (ShutdownService), then exits 0 once every module has stopped.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  const openApi = new DocumentBuilder()
    .setTitle('PowerDesk')
    .setDescription('Customer-service chat and ticketing for an electric utility')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs/api', app, () => SwaggerModule.createDocument(app, openApi));
  return app;
}
