import { loadConfig } from '@ejournal/config';
import {
  createTestDatabase,
  requireInfra,
  serviceHealth,
  testMongoUrl,
  type TestDatabase,
} from '@ejournal/testing';
import { AppModule } from './app.module';
import { journalConfigSchema } from './config';

describe('journal service', () => {
  let database: TestDatabase;
  const mongo = testMongoUrl('journal app');

  beforeAll(async () => {
    database = await createTestDatabase('journal app');
  });
  afterAll(() => database?.drop());

  it('is live, and ready only because its real dependencies answer', async () => {
    const servers = await requireInfra();
    const config = loadConfig(journalConfigSchema, {
      ...servers,
      DATABASE_URL: database.url,
      MONGO_URL: mongo.url,
      RELAY_ENABLED: 'false',
      INTEGRITY_ENABLED: 'false',
      FACTS_CONSUMER_ENABLED: 'false',
      LOG_LEVEL: 'fatal',
    });
    const health = await serviceHealth(AppModule.forConfig(config));
    expect(health.live.status).toBe(200);
    expect(health.ready.status).toBe(200);
    expect(Object.keys(health.ready.body.info).sort()).toEqual(
      ['postgres', 'kafka', 'mongodb'].sort(),
    );
  }, 30_000);
});
