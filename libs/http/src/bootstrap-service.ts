import {
  ConsoleLogger,
  DynamicModule,
  INestApplication,
  LogLevel,
  Logger,
  Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ProblemDetailsFilter } from './problems/problem-details.filter';

export interface ServiceOptions {
  /** Service name, used in logs. */
  name: string;
  host: string;
  port: number;
  logLevel: LogLevel;
  /** Runs on the created application before it starts (OpenAPI, hooks). */
  configure?: (app: NestFastifyApplication) => void | Promise<void>;
}

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export function jsonLogger(name: string, level: LogLevel): ConsoleLogger {
  return new ConsoleLogger(name, {
    json: true,
    logLevels: LEVELS.slice(0, LEVELS.indexOf(level) + 1),
  });
}

/**
 * A NestJS application on Fastify answering errors as problem details, unstarted: tests inject
 * requests, `startService` listens.
 */
export async function createHttpApp(
  module: Type<unknown> | DynamicModule,
  options: Pick<ServiceOptions, 'name' | 'logLevel' | 'configure'>,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    module,
    new FastifyAdapter({ trustProxy: true, bodyLimit: 1_048_576 }),
    { logger: jsonLogger(options.name, options.logLevel) },
  );
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  await options.configure?.(app);
  return app;
}

/** Starts listening; SIGTERM/SIGINT close the server, then the modules' shutdown hooks run. */
export async function startService(
  module: Type<unknown> | DynamicModule,
  options: ServiceOptions,
): Promise<INestApplication> {
  const app = await createHttpApp(module, options);
  await app.listen(options.port, options.host);
  new Logger(options.name).log(`listening on http://${options.host}:${options.port}`);
  return app;
}
