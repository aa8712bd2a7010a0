import type { RecordedEvent } from '@ejournal/contracts';
import { createTestDatabase, requireInfra, testMongoUrl } from '@ejournal/testing';
import type { TestingModule } from '@nestjs/testing';
import { decodeColumn, type StoredColumn } from '../documents/column-codec';
import { JournalProjector } from '../projector/journal-projector';
import { FakeIdentityFacts } from '../testing/fake-identity-facts';
import { DEPUTY, JournalEvents } from '../testing/journal-events';
import { openReadModelFixture, type ReadModelFixture } from '../testing/read-model-fixture';
import { rebuildAside } from './rebuild-aside';
import { rebuildJournal } from './rebuild-read-models';

describe('journal read models, applied twice and rebuilt (real PostgreSQL and FerretDB)', () => {
  // Ids with '.' and ':' — never field names, so FerretDB takes them.
  const algebra = new JournalEvents('algebra.7b:2026');
  const physics = new JournalEvents('physics-7b');
  let fixture: ReadModelFixture;
  let app: TestingModule;
  let projector: JournalProjector;

  /** Every event of the fixture's journals, once the category read shows all of them. */
  async function everyEvent(): Promise<RecordedEvent[]> {
    const entries = await fixture.categoryOnceReadable(2 * 15);
    return entries.map((entry) => entry.event);
  }

  async function applyAll(events: RecordedEvent[]) {
    const results = [];
    for (const event of events) results.push(await projector.apply(event));
    return results;
  }

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL', 'MONGO_URL']);
    const postgres = await createTestDatabase('journal rebuild');
    fixture = await openReadModelFixture({
      postgres,
      mongoUrl: testMongoUrl('journal rebuild').url,
    });
    app = await fixture.module(new FakeIdentityFacts()); // not initialised: no subscription
    projector = app.get(JournalProjector);
    for (const journal of [algebra, physics]) {
      const recorded = journal.markRecorded('mark-1', 'lesson-1', 'pupil-1', '3');
      await fixture.append(
        journal.streamId,
        journal.opened(),
        journal.teacherAssigned('teacher-1', '2026-09-01'),
        journal.lessonHeld('lesson-1', '2026-09-03', 1, 'Start'),
        journal.lessonHeld('lesson-2', '2026-09-04', 1, 'Next'),
        recorded,
        journal.markRecorded('mark-2', 'lesson-1', 'pupil-2', 'exempt'),
        journal.attendanceRecorded('lesson-2', 'pupil-1', 'late'),
      );
      await fixture.append(
        journal.streamId,
        journal.markCorrected('mark-1', recorded, '3', '4', { reason: 'typo' }),
        journal.markRevoked(
          'mark-2',
          { reason: 'wrong pupil', authorisedBy: 'deputy-1', orderRef: 'o-1' },
          DEPUTY,
        ),
        journal.attendanceCorrected('lesson-2', 'pupil-1', 'late', 'present', {
          reason: 'was on time',
        }),
        journal.lessonEdited('lesson-1', 'Start again', null, { reason: 'topic' }),
        journal.lessonVoided('lesson-2', { reason: 'wrong date' }),
        journal.teacherUnassigned('teacher-1', '2026-10-01'),
        journal.teacherAssigned('teacher-2', '2026-10-01'),
        journal.periodClosed(1),
      );
    }
  }, 60_000);

  afterAll(async () => {
    await fixture?.close();
  });

  it('is idempotent when run twice', async () => {
    const events = await everyEvent();
    expect(events).toHaveLength(2 * 15);
    expect(await applyAll(events)).toEqual(events.map(() => 'applied'));
    const once = await fixture.snapshot();
    expect(once['journals']).toHaveLength(2);
    expect(once['teacher_journals']).toEqual([
      expect.objectContaining({ _id: 'teacher-1', journalIds: ['algebra.7b:2026', 'physics-7b'] }),
      expect.objectContaining({ _id: 'teacher-2', journalIds: ['algebra.7b:2026', 'physics-7b'] }),
    ]);

    expect(await applyAll(events)).toEqual(events.map(() => 'duplicate'));
    expect(await fixture.snapshot()).toEqual(once);

    const aside = await rebuildAside({
      store: fixture.store,
      connection: fixture.connection,
      subscription: 'rebuild-spec',
    });
    expect(aside).toMatchObject({ journals: 2, of: 2, events: 30 });
    expect(await fixture.snapshot()).toEqual(once);
    // The projector goes on after the last event the rebuild read.
    const after = await fixture.store.readCategory('journal', aside.checkpoint);
    expect(after.entries).toEqual([]);
    const names = await fixture.connection.db?.listCollections({}, { nameOnly: true }).toArray();
    expect(names?.map((each) => each.name).sort()).toEqual([
      'cell_history',
      'grid_columns',
      'journals',
      'mark_cells',
      'teacher_journals',
    ]);
    expect(
      await rebuildJournal({ store: fixture.store, models: fixture.models }, algebra.streamId),
    ).toBe(15);
    expect(await fixture.snapshot()).toEqual(once);
  }, 60_000);

  it('heals a journal whose documents were lost: the next event rebuilds it from the store', async () => {
    const before = await fixture.snapshot();
    await fixture.models.journals.deleteOne(physics.journalId);
    await fixture.models.columns.deleteMany({ journalId: physics.journalId });
    const version = await fixture.append(
      physics.streamId,
      physics.markRecorded('mark-3', 'lesson-1', 'pupil-3', '5'),
    );
    const [event] = await fixture.store.readStream(physics.streamId, { from: version });
    expect(await projector.apply(event as RecordedEvent)).toBe('duplicate'); // the rebuild applied it

    const healed = await fixture.snapshot();
    expect(healed['journals']).toHaveLength(2);
    const stored = (healed['grid_columns'] as StoredColumn[]).find(
      (doc) => doc._id === 'physics-7b|lesson-1',
    );
    const column = stored && decodeColumn(stored);
    expect(column?.cells.map((cell) => cell.pupilId)).toEqual(['pupil-1', 'pupil-2', 'pupil-3']);
    // Everything else is as it was.
    const untouched = (snapshot: Record<string, unknown[]>) =>
      (snapshot['grid_columns'] as { _id: string }[]).filter(
        (doc) => doc._id !== 'physics-7b|lesson-1',
      );
    expect(untouched(healed)).toEqual(untouched(before));
  });
});
