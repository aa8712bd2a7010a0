import { createTestDatabase, requireInfra, testMongoUrl, testTopic } from '@ejournal/testing';
import type { LoggerService } from '@nestjs/common';
import { startFactsApp } from './testing/facts-app';
import { until } from './testing/facts-tables';
import { dropDatabaseAndRoles } from './testing/identity-source';

jest.setTimeout(60_000);

describe('the identity facts consumer (real Kafka and PostgreSQL)', () => {
  it('does not hold up the application while the topic is missing, and stops while it waits', async () => {
    const servers = await requireInfra();
    const database = await createTestDatabase('facts consumer');
    const topic = testTopic('facts missing topic');
    const warnings: string[] = [];
    const logger: LoggerService = {
      log: () => undefined,
      error: () => undefined,
      warn: (message: unknown) => void warnings.push(JSON.stringify(message)),
    };
    try {
      const { app } = await startFactsApp({
        databaseUrl: database.url,
        brokers: servers.KAFKA_BROKERS,
        mongoUrl: testMongoUrl('facts consumer').url,
        topic,
        groupId: `${topic}.journal-facts`,
        logger,
      });
      await until('a start that failed', async () =>
        warnings.some((warning) => warning.includes(`cannot consume ${topic} yet`)),
      );

      const closing = Date.now();
      await app.close();
      expect(Date.now() - closing).toBeLessThan(3000);
    } finally {
      await dropDatabaseAndRoles(database);
    }
  });
});
