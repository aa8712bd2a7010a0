import * as testing from '@ejournal/testing';
import { loadConfig } from '@ejournal/config';
import { serviceHealth } from '@ejournal/testing';
import { AppModule } from './app.module';
import { archiveConfigSchema } from './config';
import { archiveStores, type ArchiveStores } from './testing/archive-stores';

describe('archive service', () => {
  let stores: ArchiveStores;
  afterAll(() => stores?.drop());

  it('is live, and ready only because its real dependencies answer', async () => {
    stores = await archiveStores('archive health', testing);
    const environment = { ...stores.environment, CONSUMERS_ENABLED: 'false', LOG_LEVEL: 'fatal' };
    const config = loadConfig(archiveConfigSchema, environment);
    const health = await serviceHealth(AppModule.forConfig(config));
    expect(health.live.status).toBe(200);
    expect(health.ready.status).toBe(200);
    expect(Object.keys(health.ready.body.info).sort()).toEqual(
      ['postgres', 'kafka', 'mongodb'].sort(),
    );
  }, 30_000);
});
