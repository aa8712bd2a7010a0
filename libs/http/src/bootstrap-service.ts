import { startTelemetry } from '@ejournal/telemetry';
import {
  ConsoleLogger,
  DynamicModule,
  INestApplication,
  LogLevel,
  Logger,
  Type,
} from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import { IdempotencyKeyCheck } from './idempotency/idempotency-key';
import { ProblemDetailsFilter } from './problems/problem-details.filter';
import { answerClientError, answerFrameworkError } from './requests/edge-errors';
import { acceptJsonBodies } from './requests/json-requests';
import { traceRequests } from './tracing/request-tracing';

export interface ServiceOptions {
  /** Service name, used in logs. */
  name: string;
  host: string;
  port: number;
  logLevel: LogLevel;
  /** Runs on the created application before it starts (OpenAPI, hooks). */
  configure?: (app: NestFastifyApplication) => void | Promise<void>;
}

/** The largest request body (1 MiB); a larger one is a 413 problem. */
const BODY_LIMIT = 1_048_576;

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

interface JsonLogOptions {
  context: string;
  logLevel: LogLevel;
  writeStreamType?: 'stdout' | 'stderr';
  errorStack?: unknown;
}

/** Nest's JSON lines, joined to traces by the active span's ids (OpenTelemetry's field names). */
class TracedJsonLogger extends ConsoleLogger {
  protected override getJsonLogObject(message: unknown, options: JsonLogOptions) {
    const line = super.getJsonLogObject(message, options);
    const span = trace.getSpanContext(context.active());
    if (!span || !isSpanContextValid(span)) return line;
    return { ...line, trace_id: span.traceId, span_id: span.spanId };
  }
}

export function jsonLogger(name: string, level: LogLevel): ConsoleLogger {
  return new TracedJsonLogger(name, {
    json: true,
    logLevels: LEVELS.slice(0, LEVELS.indexOf(level) + 1),
  });
}

/**
 * A NestJS application on Fastify answering errors as problem details, with a server span per
 * request and the `Idempotency-Key` check of commands (`@RequireIdempotencyKey`), unstarted: tests inject requests, `startService` listens.
 */
export async function createHttpApp(
  module: Type<unknown> | DynamicModule,
  options: Pick<ServiceOptions, 'name' | 'logLevel' | 'configure'>,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    module,
    new FastifyAdapter({
      trustProxy: true,
      bodyLimit: BODY_LIMIT,
      // Refusals fastify and Node answer themselves are problem documents too.
      frameworkErrors: answerFrameworkError,
      clientErrorHandler: answerClientError,
    }),
    { logger: jsonLogger(options.name, options.logLevel) },
  );
  app.useGlobalFilters(new ProblemDetailsFilter());
  acceptJsonBodies(app, BODY_LIMIT);
  app.useGlobalInterceptors(new IdempotencyKeyCheck(app.get(Reflector)));
  traceRequests(app);
  app.enableShutdownHooks();
  await options.configure?.(app);
  return app;
}

/** Starts listening; SIGTERM/SIGINT close the server, then the modules' shutdown hooks run. */
export async function startService(
  module: Type<unknown> | DynamicModule,
  options: ServiceOptions,
): Promise<INestApplication> {
  // First: relays and consumers create their instruments as they start (libs/telemetry).
  const telemetry = startTelemetry({ serviceName: options.name });
  try {
    const app = await createHttpApp(module, {
      ...options,
      async configure(app) {
        await options.configure?.(app);
        // Fastify closes once the last request is answered: their spans are flushed on exit.
        app
          .getHttpAdapter()
          .getInstance()
          .addHook('onClose', () => telemetry.shutdown());
      },
    });
    await app.listen(options.port, options.host);
    new Logger(options.name).log(`listening on http://${options.host}:${options.port}`);
    return app;
  } catch (error) {
    await telemetry.shutdown();
    throw error;
  }
}
