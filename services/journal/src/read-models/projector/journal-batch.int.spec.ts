import type { RecordedEvent } from '@ejournal/contracts';
import { ReadModelGapError, versionPath } from '@ejournal/messaging';
import { createTestDatabase, requireInfra, testMongoUrl } from '@ejournal/testing';
import { allModels } from '../documents/read-model-schemas';
import { rebuildJournal } from '../rebuild/rebuild-read-models';
import { DEPUTY, JournalEvents } from '../testing/journal-events';
import { openReadModelFixture, type ReadModelFixture } from '../testing/read-model-fixture';
import { applyJournalBatch } from './journal-batch';

describe('a journal batch (real PostgreSQL and FerretDB)', () => {
  const journal = new JournalEvents('batch.7b:2026');
  let fixture: ReadModelFixture;
  let events: RecordedEvent[];
  let rebuilt: Record<string, unknown[]>;

  const clear = () => Promise.all(allModels(fixture.models).map((model) => model.deleteMany({})));
  /** Applies the whole stream in runs of `size` events. */
  async function inRuns(size: number) {
    const results = [];
    for (let start = 0; start < events.length; start += size) {
      const run = events.slice(start, start + size);
      results.push(...(await applyJournalBatch(fixture.models, journal.streamId, run)));
    }
    return results;
  }

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL', 'MONGO_URL']);
    const postgres = await createTestDatabase('journal batch');
    fixture = await openReadModelFixture({ postgres, mongoUrl: testMongoUrl('journal batch').url });
    const m1 = journal.markRecorded('mark-1', 'lesson-1', 'pupil-1', '3');
    await fixture.append(
      journal.streamId,
      journal.opened(),
      journal.teacherAssigned('teacher-1', '2026-09-01'),
      journal.lessonHeld('lesson-1', '2026-09-03', 1, 'Start'),
      m1,
      journal.markRecorded('mark-2', 'lesson-1', 'pupil-2', 'exempt'),
      journal.lessonHeld('lesson-2', '2026-09-04', 1, 'Next'),
      journal.attendanceRecorded('lesson-2', 'pupil-1', 'late'),
      journal.markCorrected('mark-1', m1, '3', '4', { reason: 'typo' }),
      journal.markRevoked('mark-2', { reason: 'wrong pupil', authorisedBy: 'deputy-1' }, DEPUTY),
      journal.markRecorded('mark-3', 'lesson-1', 'pupil-1', '5'),
      journal.attendanceCorrected('lesson-2', 'pupil-1', 'late', 'present', { reason: 'ok' }),
      journal.lessonEdited('lesson-1', 'Start again', null, { reason: 'topic' }),
      journal.lessonVoided('lesson-2', { reason: 'wrong date' }),
      journal.teacherAssigned('teacher-2', '2026-10-01'),
      journal.periodClosed(1),
    );
    events = await fixture.store.readStream(journal.streamId);
    await rebuildJournal({ store: fixture.store, models: fixture.models }, journal.streamId);
    rebuilt = await fixture.snapshot();
  }, 60_000);

  afterAll(async () => {
    await fixture?.close();
  });

  it.each([1, 2, 3, 5, 15])(
    'writes, in runs of %i events, what the rebuild writes',
    async (size) => {
      await clear();
      expect(await inRuns(size)).toEqual(events.map(() => 'applied'));
      expect(await fixture.snapshot()).toEqual(rebuilt);
      expect(await inRuns(4)).toEqual(events.map(() => 'duplicate'));
      expect(await fixture.snapshot()).toEqual(rebuilt);
    },
    30_000,
  );

  it('completes a batch whose documents were written but not its header', async () => {
    await clear();
    await applyJournalBatch(fixture.models, journal.streamId, events.slice(0, 6));
    const header = await fixture.models.journals.findById(journal.journalId);
    await applyJournalBatch(fixture.models, journal.streamId, events.slice(6));
    await fixture.models.journals.model.replaceOne({ _id: journal.journalId }, header as object);
    // As if the process stopped before the header: the next run repeats the whole batch.
    const results = await applyJournalBatch(fixture.models, journal.streamId, events.slice(6));
    expect(results).toEqual(events.slice(6).map(() => 'applied'));
    expect(await fixture.snapshot()).toEqual(rebuilt);
  }, 30_000);

  it('refuses a gap before writing anything', async () => {
    await clear();
    await inRuns(5);
    const before = await fixture.snapshot();
    await fixture.models.journals.updateOne(
      { _id: journal.journalId },
      { $set: { [versionPath(journal.streamId)]: 3 } },
    );
    const later = events.slice(5, 8);
    await expect(applyJournalBatch(fixture.models, journal.streamId, later)).rejects.toBeInstanceOf(
      ReadModelGapError,
    );
    const after = await fixture.snapshot();
    expect(after['grid_columns']).toEqual(before['grid_columns']);
    expect(after['cell_history']).toEqual(before['cell_history']);
  }, 30_000);
});
