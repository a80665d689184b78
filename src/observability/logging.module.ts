import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { DestinationStream, destination } from 'pino';
import { AppConfig } from '../config/app-config';
import { logOptions } from './log-options';

/** Where the JSON log lines go: standard output (tests replace it to read them). */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

@Module({
  providers: [{ provide: LOG_DESTINATION, useFactory: () => destination({ fd: 1, sync: false }) }],
  exports: [LOG_DESTINATION],
})
class LogDestinationModule {}

/**
 * JSON logs through pino: every `new Logger(X)` of the code base writes through it once
 * `app.useLogger(app.get(Logger))` ran (app.setup.ts), with request ids from pino-http.
 */
export const LoggingModule = LoggerModule.forRootAsync({
  imports: [LogDestinationModule],
  inject: [AppConfig, LOG_DESTINATION],
  useFactory: (config: AppConfig, stream: DestinationStream) => ({
    pinoHttp: [logOptions(config.LOG_LEVEL), stream],
  }),
});
