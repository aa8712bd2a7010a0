import { createTestDatabase, requireInfra, testMongoUrl } from '@ejournal/testing';
import type { TestingModule } from '@nestjs/testing';
import type { JournalHeader } from '../../reads/journal-header/journal-header';
import { JournalQuery } from '../../reads/journal-header/journal.query';
import { FakeIdentityFacts } from '../testing/fake-identity-facts';
import { JournalEvents } from '../testing/journal-events';
import { openReadModelFixture, type ReadModelFixture } from '../testing/read-model-fixture';
import { MAX_ATTEMPTS } from './poison-events';
import { ProjectionWaiter } from './projection-waiter';

/** The header once the poisoned journal shows as stale, or as it stands at the deadline. */
async function until(read: () => Promise<JournalHeader | null>, withinMs: number) {
  const deadline = Date.now() + withinMs;
  let header = await read();
  while (!header?.stale && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    header = await read();
  }
  return header;
}

describe('a poison event (real PostgreSQL event store and FerretDB)', () => {
  let fixture: ReadModelFixture;
  let app: TestingModule;

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL', 'MONGO_URL']);
    const postgres = await createTestDatabase('journal poison');
    fixture = await openReadModelFixture({
      postgres,
      mongoUrl: testMongoUrl('journal poison').url,
    });
    app = await fixture.module(new FakeIdentityFacts());
    await app.init();
  }, 60_000);

  afterAll(async () => {
    await fixture?.close();
  });

  it('is dead-lettered after retries: its journal shows as stale, the other journals move on', async () => {
    const poisoned = new JournalEvents('poisoned-7b');
    const healthy = new JournalEvents('healthy-7b');
    await fixture.append(
      poisoned.streamId,
      poisoned.opened(),
      poisoned.lessonHeld('lesson-1', '2026-09-03', 1, 'Start'),
      // The store takes it (a valid event), but no projection can place a mark never recorded.
      poisoned.markRevoked('mark-never-recorded', { reason: 'ghost' }),
      poisoned.lessonHeld('lesson-2', '2026-09-04', 1, 'Next'),
    );
    await fixture.append(healthy.streamId, healthy.opened());

    const waiter = app.get(ProjectionWaiter);
    expect(await waiter.caughtUp(healthy.streamId, 1, 20_000)).toBe(true);
    // The healthy journal does not wait for the retries: it may be projected before them.
    const header = await until(() => app.get(JournalQuery).header(poisoned.journalId), 20_000);
    expect(header).toMatchObject({ version: 2, lessonCount: 1, stale: true });
    const quarantined = await fixture.models.columns.findById('poisoned-7b|lesson-1');
    expect(Object.values(quarantined?.quarantine ?? {})).toEqual([
      expect.stringMatching(/^JOURNAL\.PROJECTION_FAILED at event-store\/0\//),
    ]);
    expect(await app.get(JournalQuery).header(healthy.journalId)).toMatchObject({ stale: false });
    expect(MAX_ATTEMPTS).toBeGreaterThan(1);
  }, 30_000);
});
