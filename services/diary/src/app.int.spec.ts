import { loadConfig } from '@ejournal/config';
import { requireInfra, serviceHealth } from '@ejournal/testing';
import { AppModule } from './app.module';
import { diaryConfigSchema } from './config';

describe('diary service', () => {
  it('is live, and ready only because its real dependencies answer', async () => {
    const servers = await requireInfra();
    const config = loadConfig(diaryConfigSchema, { ...servers, LOG_LEVEL: 'fatal' });
    const health = await serviceHealth(AppModule.forConfig(config));
    expect(health.live.status).toBe(200);
    expect(health.ready.status).toBe(200);
    expect(Object.keys(health.ready.body.info).sort()).toEqual(
      ['postgres', 'kafka', 'mongodb'].sort(),
    );
    // Booting runs the migrations and joins two consumer groups: seconds on a busy machine.
  }, 60_000);
});
