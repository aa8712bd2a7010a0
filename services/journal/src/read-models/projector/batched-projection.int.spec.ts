import type { NewEvent } from '@ejournal/contracts';
import { createTestDatabase, requireInfra, testMongoUrl } from '@ejournal/testing';
import type { TestingModule } from '@nestjs/testing';
import { AsOfQuery } from '../../reads/read-grid/as-of.query';
import { GridQuery } from '../../reads/read-grid/grid.query';
import { FakeIdentityFacts } from '../testing/fake-identity-facts';
import { JournalEvents } from '../testing/journal-events';
import { openReadModelFixture, type ReadModelFixture } from '../testing/read-model-fixture';
import { ProjectionWaiter } from './projection-waiter';

const JOURNALS = 5;
const COLUMNS = 20;
const PUPILS = Array.from({ length: 30 }, (_, index) => `pupil-${index + 1}`);

/** A lesson column as a teacher enters it: the lesson, then a mark for every pupil. */
function column(journal: JournalEvents, lesson: number): NewEvent[] {
  const lessonId = `lesson-${lesson}`;
  const date = new Date(Date.UTC(2026, 8, 1) + lesson * 2 * 86_400_000).toISOString();
  const events = [journal.lessonHeld(lessonId, date.slice(0, 10), 1 + (lesson % 3), 'Topic')];
  for (const [index, pupilId] of PUPILS.entries()) {
    const value = String(1 + ((lesson * 7 + index) % 5)) as '1';
    events.push(journal.markRecorded(`m-${lesson}-${index}`, lessonId, pupilId, value));
  }
  return events;
}

/** Now and then a correction of an earlier column: its marks live in documents already written. */
function corrections(journal: JournalEvents, lesson: number, marks: NewEvent[]): NewEvent[] {
  const earlier = `m-${lesson - 1}-${lesson % 30}`;
  const recorded = marks.find((event) => (event.data as { markId: string }).markId === earlier);
  if (lesson % 5 !== 4 || !recorded) return [];
  return [
    journal.markCorrected(earlier, recorded, '1', '5', { reason: 'misread' }),
    journal.markRevoked(`m-${lesson - 1}-${(lesson + 1) % 30}`, { reason: 'wrong pupil' }),
    journal.attendanceRecorded(`lesson-${lesson}`, PUPILS[lesson % 30] as string, 'absent'),
  ];
}

describe('the batched projection under concurrent writers (real PostgreSQL and FerretDB)', () => {
  const facts = new FakeIdentityFacts({ members: PUPILS });
  let fixture: ReadModelFixture;
  let app: TestingModule;

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL', 'MONGO_URL']);
    const postgres = await createTestDatabase('journal batched projection');
    fixture = await openReadModelFixture({
      postgres,
      mongoUrl: testMongoUrl('journal batched projection').url,
    });
    app = await fixture.module(facts);
    await app.init(); // starts the projector's subscription
  }, 60_000);

  afterAll(async () => {
    await fixture?.close();
  });

  it('projects 5 journals written at once into the grids their streams fold to', async () => {
    const journals = Array.from({ length: JOURNALS }, (_, i) => new JournalEvents(`batch-${i}`));
    const waiter = app.get(ProjectionWaiter);
    const projections: { streamId: string; version: number; at: number }[] = [];
    const appends: { streamId: string; version: number; at: number }[] = [];
    const projected = waiter.projected.bind(waiter);
    jest.spyOn(waiter, 'projected').mockImplementation((streamId, version) => {
      projections.push({ streamId, version, at: performance.now() });
      projected(streamId, version);
    });
    const started = performance.now();
    let marks = 0;
    const versions = await Promise.all(
      journals.map(async (journal) => {
        let version = await fixture.append(
          journal.streamId,
          journal.opened(),
          journal.teacherAssigned('teacher-1', '2026-09-01'),
        );
        let previous: NewEvent[] = [];
        for (let lesson = 0; lesson < COLUMNS; lesson += 1) {
          const events = [...column(journal, lesson), ...corrections(journal, lesson, previous)];
          marks += events.length - 1;
          version = await fixture.append(journal.streamId, ...events);
          appends.push({ streamId: journal.streamId, version, at: performance.now() });
          previous = events;
        }
        return version;
      }),
    );
    const appended = performance.now();
    for (const [index, journal] of journals.entries()) {
      expect(await waiter.caughtUp(journal.streamId, versions[index] as number, 60_000)).toBe(true);
    }
    const caughtUp = performance.now();

    // One more column of one journal, alone: how long until the grid shows it.
    const [first] = journals as [JournalEvents];
    const columnStarted = performance.now();
    const last = await fixture.append(first.streamId, ...column(first, COLUMNS));
    expect(await waiter.caughtUp(first.streamId, last, 20_000)).toBe(true);
    const columnMs = performance.now() - columnStarted;

    for (const journal of journals) {
      const live = await app.get(GridQuery).grid(journal.journalId);
      expect(live?.lessons).toHaveLength(journal === first ? COLUMNS + 1 : COLUMNS);
      expect(live?.pupils[0]?.cells.every((cell) => cell !== null)).toBe(true);
      expect(await app.get(AsOfQuery).gridAsOf(journal.journalId, new Date())).toEqual(live);
    }
    const seconds = (caughtUp - started) / 1000;
    // Append-to-grid lag: from an append's answer to the projection of its last event.
    const lags = appends
      .map((append) => {
        const seen = projections.find(
          (each) => each.streamId === append.streamId && each.version >= append.version,
        );
        return (seen?.at ?? caughtUp) - append.at;
      })
      .sort((a, b) => a - b);
    const lagMs = (p: number) => Math.round(lags[Math.ceil((p / 100) * lags.length) - 1] ?? 0);
    console.log(
      JSON.stringify({
        marks,
        appendMs: Math.round(appended - started),
        projectedMs: Math.round(caughtUp - started),
        marksPerSec: Math.round(marks / seconds),
        lagP50Ms: lagMs(50),
        lagP99Ms: lagMs(99),
        oneColumnMs: Math.round(columnMs),
      }),
    );
  }, 180_000);
});
