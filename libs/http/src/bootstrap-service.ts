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

export interface ServiceOptions {
  /** Service name, used in logs. */
  name: string;
  host: string;
  port: number;
  logLevel: LogLevel;
}

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export function jsonLogger(name: string, level: LogLevel): ConsoleLogger {
  return new ConsoleLogger(name, {
    json: true,
    logLevels: LEVELS.slice(0, LEVELS.indexOf(level) + 1),
  });
}

/** A NestJS application on Fastify, unstarted: tests inject requests, `startService` listens. */
export async function createHttpApp(
  module: Type<unknown> | DynamicModule,
  options: Pick<ServiceOptions, 'name' | 'logLevel'>,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    module,
    new FastifyAdapter({ trustProxy: true, bodyLimit: 1_048_576 }),
    { logger: jsonLogger(options.name, options.logLevel) },
  );
  app.enableShutdownHooks();
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
