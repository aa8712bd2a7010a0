import { loadConfig } from '@ejournal/config';
import { Module, type INestApplicationContext, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Pool } from 'pg';
import { journalConfigSchema } from '../../config';
import { InfrastructureModule } from '../../infrastructure/infrastructure.module';
import { APP_POOL } from '../../infrastructure/tokens';
import { FactsModule } from '../facts.module';
import { IDENTITY_FACTS, type IdentityFacts } from '../identity-facts.port';

// Specs only: the facts module on the journal's real infrastructure module, no HTTP.

@Module({})
class FactsHarnessModule {}

export interface FactsApp {
  app: INestApplicationContext;
  facts: IdentityFacts;
  /** As the application role. */
  pool: Pool;
}

export async function startFactsApp(options: {
  databaseUrl: string;
  brokers: string;
  mongoUrl: string;
  topic: string;
  groupId: string;
  logger?: LoggerService | false;
}): Promise<FactsApp> {
  const config = loadConfig(journalConfigSchema, {
    DATABASE_URL: options.databaseUrl,
    KAFKA_BROKERS: options.brokers,
    MONGO_URL: options.mongoUrl,
    LOG_LEVEL: 'fatal',
    IDENTITY_EVENTS_TOPIC: options.topic,
    IDENTITY_CONSUMER_GROUP: options.groupId,
    RELAY_ENABLED: 'false',
    INTEGRITY_ENABLED: 'false',
  });
  const app = await NestFactory.createApplicationContext(
    { module: FactsHarnessModule, imports: [InfrastructureModule.forConfig(config), FactsModule] },
    { logger: options.logger ?? false },
  );
  return { app, facts: app.get(IDENTITY_FACTS), pool: app.get(APP_POOL) };
}
