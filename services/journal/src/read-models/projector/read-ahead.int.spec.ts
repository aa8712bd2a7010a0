import type { SubscriptionHandler } from '@ejournal/event-store';
import { createTestDatabase, requireInfra, testMongoUrl } from '@ejournal/testing';
import type { TestingModule } from '@nestjs/testing';
import { JournalQuery } from '../../reads/journal-header/journal.query';
import { READ_MODELS, type JournalReadModels } from '../documents/read-model-schemas';
import { FakeIdentityFacts } from '../testing/fake-identity-facts';
import { JournalEvents } from '../testing/journal-events';
import { openReadModelFixture, type ReadModelFixture } from '../testing/read-model-fixture';
import { JournalProjector } from './journal-projector';
import { ProjectionWaiter } from './projection-waiter';

/**
 * The projector applies the event the subscription hands over together with the events
 * recorded after it (read ahead, by stream). The spec hands the events over itself, one at a
 * time as the subscription would, so it sees which ones are applied and which are skipped.
 */
describe("the journal projector's read-ahead (real PostgreSQL event store and FerretDB)", () => {
  const math = new JournalEvents('math-7b.2026');
  const art = new JournalEvents('art-7b.2026');
  let fixture: ReadModelFixture;
  let app: TestingModule;

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL', 'MONGO_URL']);
    const postgres = await createTestDatabase('journal read-ahead');
    fixture = await openReadModelFixture({
      postgres,
      mongoUrl: testMongoUrl('journal read-ahead').url,
    });
    app = await fixture.module(new FakeIdentityFacts()); // not initialised: no subscription
  }, 60_000);

  afterAll(async () => {
    await app?.get(JournalProjector).onApplicationShutdown();
    await fixture?.close();
  });

  it('skips an event it wrote ahead when the subscription hands it over, and applies one whose batch failed', async () => {
    await fixture.append(
      math.streamId,
      math.opened(),
      math.lessonHeld('lesson-1', '2026-09-03', 1, 'Fractions'),
      math.lessonHeld('lesson-2', '2026-09-04', 1, 'Decimals'),
    );
    await fixture.append(
      art.streamId,
      art.opened(),
      art.lessonHeld('lesson-1', '2026-09-03', 2, 'Colours'),
    );
    const entries = await fixture.categoryOnceReadable(5);
    const handlers: SubscriptionHandler[] = [];
    jest.spyOn(fixture.store, 'subscribe').mockImplementation((options) => {
      handlers.push(options.handler);
      return { name: options.name, stop: async () => undefined };
    });
    const projector = app.get(JournalProjector);
    projector.onApplicationBootstrap();
    // It subscribes once it holds the projection's lease.
    for (const deadline = Date.now() + 10_000; handlers.length === 0 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [handler] = handlers as [SubscriptionHandler];
    const handOver = (index: number) => {
      const { event, checkpoint } = entries[index] as (typeof entries)[number];
      return handler(event, { checkpoint });
    };
    // The art journal's batch fails once: while it is read ahead.
    const journals = app.get<JournalReadModels>(READ_MODELS).journals;
    const findById = journals.findById.bind(journals);
    let failures = 1;
    jest.spyOn(journals, 'findById').mockImplementation(async (id) => {
      if (id === art.journalId && failures-- > 0) throw new Error('the database went away');
      return findById(id);
    });
    const projected = jest.spyOn(app.get(ProjectionWaiter), 'projected');

    expect(entries.map(({ event }) => [event.streamId, event.streamVersion])).toEqual([
      [math.streamId, 1],
      [math.streamId, 2],
      [math.streamId, 3],
      [art.streamId, 1],
      [art.streamId, 2],
    ]);
    await handOver(0);
    expect(projected.mock.calls).toEqual([[math.streamId, 3]]);
    expect(handOver(1)).toBeUndefined();
    expect(handOver(2)).toBeUndefined();
    await handOver(3);
    expect(projected.mock.calls).toEqual([
      [math.streamId, 3],
      [art.streamId, 2],
    ]);
    expect(handOver(4)).toBeUndefined();
    expect(projected).toHaveBeenCalledTimes(2);
    const headers = app.get(JournalQuery);
    expect(await headers.header(math.journalId)).toMatchObject({ version: 3, lessonCount: 2 });
    expect(await headers.header(art.journalId)).toMatchObject({ version: 2, lessonCount: 1 });
  }, 30_000);
});
