import type { NewEvent } from '@ejournal/contracts';
import { createTestDatabase, requireInfra, testMongoUrl } from '@ejournal/testing';
import type { TestingModule } from '@nestjs/testing';
import { GridQuery } from './grid.query';
import { JournalProjector } from '../../read-models/projector/journal-projector';
import { FakeIdentityFacts } from '../../read-models/testing/fake-identity-facts';
import { JournalEvents } from '../../read-models/testing/journal-events';
import {
  openReadModelFixture,
  type ReadModelFixture,
} from '../../read-models/testing/read-model-fixture';
import { AsOfQuery } from './as-of.query';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the grid as of an instant (real PostgreSQL event store and FerretDB)', () => {
  const facts = new FakeIdentityFacts({ members: ['pupil-1', 'pupil-2'] });
  let fixture: ReadModelFixture;
  let app: TestingModule;

  async function project(streamId: string) {
    for (const event of await fixture.store.readStream(streamId)) {
      await app.get(JournalProjector).apply(event);
    }
  }

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL', 'MONGO_URL']);
    const postgres = await createTestDatabase('journal as of');
    fixture = await openReadModelFixture({ postgres, mongoUrl: testMongoUrl('journal as of').url });
    app = await fixture.module(facts);
  }, 60_000);

  afterAll(async () => {
    await fixture?.close();
  });

  it('shows the old value before a correction and the live grid after it', async () => {
    const journal = new JournalEvents('history-7b');
    const beforeOpening = new Date();
    await pause(5);
    const recorded = journal.markRecorded('mark-1', 'lesson-1', 'pupil-1', '3');
    await fixture.append(
      journal.streamId,
      journal.opened(),
      journal.lessonHeld('lesson-1', '2026-09-03', 1, 'Rome'),
      recorded,
    );
    await pause(5);
    const beforeCorrection = new Date();
    await pause(5);
    await fixture.append(
      journal.streamId,
      journal.markCorrected('mark-1', recorded, '3', '5', { reason: 'misread' }),
    );
    await project(journal.streamId);

    const asOf = app.get(AsOfQuery);
    const live = await app.get(GridQuery).grid(journal.journalId);
    const then = await asOf.gridAsOf(journal.journalId, beforeCorrection);
    expect(then?.pupils[0]?.cells[0]).toMatchObject({ marks: [{ value: '3' }], revision: 3 });
    expect(then?.journal.version).toBe(3);
    expect(live?.pupils[0]?.cells[0]).toMatchObject({ marks: [{ value: '5' }], revision: 4 });
    expect(then?.pupils[0]?.averages[0]?.value).toBe(3);
    expect(live?.pupils[0]?.averages[0]?.value).toBe(5);
    expect(await asOf.gridAsOf(journal.journalId, new Date())).toEqual(live);
    expect(await asOf.gridAsOf(journal.journalId, beforeOpening)).toBeNull();
  });

  it('folds a full year (~5,000 events) fast, into the grid the projector built', async () => {
    const journal = new JournalEvents('year-7b');
    const pupils = Array.from({ length: 30 }, (_, index) => `pupil-${index + 1}`);
    const events: NewEvent[] = [
      journal.opened(),
      journal.teacherAssigned('teacher-1', '2026-09-01'),
    ];
    for (let lesson = 0; lesson < 170; lesson += 1) {
      const lessonId = `lesson-${lesson}`;
      const date = new Date(Date.UTC(2026, 8, 1) + Math.floor(lesson * 1.6) * 86_400_000);
      events.push(
        journal.lessonHeld(lessonId, date.toISOString().slice(0, 10), 1 + (lesson % 3), 'Topic'),
      );
      for (const [index, pupilId] of pupils.entries()) {
        if ((lesson + index) % 15 === 0) continue;
        const value = String(1 + ((lesson * 7 + index) % 5)) as '1';
        events.push(
          journal.markRecorded(
            `mark-${lesson}-${index}`,
            lessonId,
            pupilId,
            value,
            1 + (index % 3),
          ),
        );
      }
      events.push(journal.attendanceRecorded(lessonId, pupils[lesson % 30] as string, 'absent'));
      events.push(
        journal.attendanceRecorded(lessonId, pupils[(lesson + 7) % 30] as string, 'late'),
      );
    }
    const timings: Record<string, number> = {};
    let mark = performance.now();
    const lap = (name: string) => {
      timings[name] = Math.round(performance.now() - mark);
      mark = performance.now();
    };
    for (let start = 0; start < events.length; start += 500) {
      await fixture.append(journal.streamId, ...events.slice(start, start + 500));
    }
    lap('appendMs');
    // The projector's way to a year of documents: the journal's rebuild (same projection).
    await app.get(JournalProjector).rebuild(journal.streamId);
    lap('rebuildMs');

    const started = performance.now();
    const asOf = await app.get(AsOfQuery).gridAsOf(journal.journalId, new Date());
    const elapsed = performance.now() - started;
    expect(asOf?.journal.version).toBe(events.length);
    expect(events.length).toBeGreaterThan(5_000);
    expect(asOf?.lessons).toHaveLength(170);
    mark = performance.now();
    expect(asOf).toEqual(await app.get(GridQuery).grid(journal.journalId));
    lap('gridMs');
    // Its speed is `npm run bench -- journal`'s as-of figure; here it is printed only.
    console.log(
      JSON.stringify({ events: events.length, gridAsOfMs: Math.round(elapsed), ...timings }),
    );
  }, 120_000);
});
