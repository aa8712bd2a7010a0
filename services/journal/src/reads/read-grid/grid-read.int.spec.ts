import type { NewEvent, RecordedEvent } from '@ejournal/contracts';
import { createTestDatabase, requireInfra, testMongoUrl } from '@ejournal/testing';
import type { TestingModule } from '@nestjs/testing';
import { AsOfQuery } from './as-of.query';
import { JournalProjector } from '../../read-models/projector/journal-projector';
import { FakeIdentityFacts } from '../../read-models/testing/fake-identity-facts';
import { JournalEvents } from '../../read-models/testing/journal-events';
import {
  openReadModelFixture,
  type ReadModelFixture,
} from '../../read-models/testing/read-model-fixture';
import { JournalQuery } from '../journal-header/journal.query';
import { GridQuery } from './grid.query';

const PUPILS = Array.from({ length: 30 }, (_, index) => `pupil-${index + 1}`);
const LESSONS = 170;

function yearOf(journal: JournalEvents): NewEvent[] {
  const events = [journal.opened(), journal.teacherAssigned('teacher-1', '2026-09-01')];
  for (let lesson = 0; lesson < LESSONS; lesson += 1) {
    const lessonId = `lesson-${lesson}`;
    const date = new Date(Date.UTC(2026, 8, 1) + Math.floor(lesson * 1.6) * 86_400_000);
    events.push(journal.lessonHeld(lessonId, date.toISOString().slice(0, 10), 1, 'Topic'));
    for (const [index, pupilId] of PUPILS.entries()) {
      const value = String(1 + ((lesson * 7 + index) % 5)) as '1';
      events.push(journal.markRecorded(`mark-${lesson}-${index}`, lessonId, pupilId, value));
    }
  }
  return events;
}

const percentile = (sorted: number[], p: number) =>
  Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);

describe('reading the grid of a full-year journal (real FerretDB)', () => {
  const facts = new FakeIdentityFacts({ members: PUPILS });
  let fixture: ReadModelFixture;
  let app: TestingModule;

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL', 'MONGO_URL']);
    const postgres = await createTestDatabase('journal grid read');
    fixture = await openReadModelFixture({
      postgres,
      mongoUrl: testMongoUrl('journal grid read').url,
    });
    app = await fixture.module(facts);
  }, 60_000);

  afterAll(async () => {
    await fixture?.close();
  });

  it('answers a 30 × 170 grid, the same as the store folds it', async () => {
    const journal = new JournalEvents('year-grid');
    const events = yearOf(journal);
    for (let start = 0; start < events.length; start += 500) {
      await fixture.append(journal.streamId, ...events.slice(start, start + 500));
    }
    await app.get(JournalProjector).rebuild(journal.streamId);
    const grids = app.get(GridQuery);
    const live = await grids.grid(journal.journalId);
    expect(live?.lessons).toHaveLength(LESSONS);
    expect(await app.get(AsOfQuery).gridAsOf(journal.journalId, new Date())).toEqual(live);

    const timed = async () => {
      const begin = performance.now();
      await grids.grid(journal.journalId);
      return performance.now() - begin;
    };
    const alone: number[] = [];
    for (let read = 0; read < 30; read += 1) alone.push(await timed());
    // A replica that has not read the journal yet (or since its last change): from FerretDB.
    const cold: number[] = [];
    for (let read = 0; read < 10; read += 1) {
      const begin = performance.now();
      await new GridQuery(fixture.models, facts).grid(journal.journalId);
      cold.push(performance.now() - begin);
    }
    const concurrent: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      concurrent.push(...(await Promise.all(Array.from({ length: 10 }, timed))));
    }
    const figures = (latencies: number[]) => {
      const sorted = [...latencies].sort((a, b) => a - b);
      return { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
    };
    console.log(
      JSON.stringify({
        alone: figures(alone),
        tenAtOnce: figures(concurrent),
        cold: figures(cold),
      }),
    );

    // A new event moves the header's version on: the cached columns are not served again.
    const version = await fixture.append(
      journal.streamId,
      journal.markRecorded('late-mark', 'lesson-0', 'pupil-1', '2'),
    );
    const [event] = await fixture.store.readStream(journal.streamId, { from: version });
    await app.get(JournalProjector).apply(event as RecordedEvent);
    const after = await grids.grid(journal.journalId);
    expect(after?.journal.version).toBe(version);
    expect(after?.pupils[0]?.cells[0]?.marks.map((mark) => mark.markId)).toContain('late-mark');
    expect(await app.get(AsOfQuery).gridAsOf(journal.journalId, new Date())).toEqual(after);
  }, 120_000);

  it('answers an unchanged grid from its serialized copy; a new event or new facts build it anew', async () => {
    const journal = new JournalEvents('cached-grid');
    await fixture.append(
      journal.streamId,
      journal.opened(),
      journal.teacherAssigned('teacher-1', '2026-09-01'),
      journal.lessonHeld('lesson-1', '2026-09-03', 1, 'Topic'),
      journal.markRecorded('mark-1', 'lesson-1', 'pupil-1', '4'),
    );
    await app.get(JournalProjector).rebuild(journal.streamId);
    const steady = new FakeIdentityFacts({ members: PUPILS });
    let revision = 7;
    steady.revision = async () => revision;
    const grids = new GridQuery(fixture.models, steady);

    const first = await grids.answer(journal.journalId);
    expect(await grids.answer(journal.journalId)).toBe(first);
    expect(JSON.parse(first?.body.toString() ?? '{}').journal.version).toBe(4);

    const version = await fixture.append(
      journal.streamId,
      journal.markRecorded('mark-2', 'lesson-1', 'pupil-2', '5'),
    );
    const [event] = await fixture.store.readStream(journal.streamId, { from: version });
    await app.get(JournalProjector).apply(event as RecordedEvent);
    const changed = await grids.answer(journal.journalId);
    expect(changed?.etag).not.toBe(first?.etag);
    expect(JSON.parse(changed?.body.toString() ?? '{}').journal.version).toBe(5);

    revision = 8;
    const refacted = await grids.answer(journal.journalId);
    expect(refacted).not.toBe(changed);
    expect(refacted?.etag).not.toBe(changed?.etag);
  }, 60_000);

  it('keeps a journal header only while the store holds no later event of the journal', async () => {
    const journal = new JournalEvents('kept-header');
    await fixture.append(
      journal.streamId,
      journal.opened(),
      journal.teacherAssigned('teacher-1', '2026-09-01'),
    );
    await app.get(JournalProjector).rebuild(journal.streamId);
    const headers = app.get(JournalQuery);
    const first = await headers.stored(journal.journalId);
    expect(first).not.toBeNull();
    expect(await headers.stored(journal.journalId)).toBe(first);

    // Recorded, not projected yet: read again from the read model (which still says the same).
    const version = await fixture.append(
      journal.streamId,
      journal.teacherAssigned('teacher-2', '2026-09-02'),
    );
    const unprojected = await headers.stored(journal.journalId);
    expect(unprojected).not.toBe(first);
    expect(unprojected).toEqual(first);
    const [event] = await fixture.store.readStream(journal.streamId, { from: version });
    await app.get(JournalProjector).apply(event as RecordedEvent);
    const projected = await headers.header(journal.journalId);
    expect(projected?.version).toBe(version);
    expect(projected?.teachers.map((t) => t.teacherId)).toContain('teacher-2');
    expect(await headers.header('no-such-journal')).toBeNull();
  });
});
