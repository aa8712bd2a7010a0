import { DomainRefusal } from '@ejournal/decider';
import { createTestDatabase, requireInfra, testMongoUrl } from '@ejournal/testing';
import type { TestingModule } from '@nestjs/testing';
import { CellHistoryQuery } from '../../reads/read-history/cell-history.query';
import { GridQuery } from '../../reads/read-grid/grid.query';
import { JournalQuery } from '../../reads/journal-header/journal.query';
import { TeacherJournalsQuery } from '../../reads/read-journals/teacher-journals.query';
import { FakeIdentityFacts } from '../testing/fake-identity-facts';
import { DEPUTY, JournalEvents, TEACHER } from '../testing/journal-events';
import { openReadModelFixture, type ReadModelFixture } from '../testing/read-model-fixture';
import { ProjectionWaiter } from './projection-waiter';

describe('the journal projector (real PostgreSQL event store and FerretDB)', () => {
  const facts = new FakeIdentityFacts({
    members: ['pupil-1', 'pupil-2', 'pupil-3', 'pupil-4'],
    policies: [
      {
        effectiveFrom: '2026-08-01',
        policyVersion: 3,
        averaging: { method: 'weighted', decimals: 1, rounding: 'half_even' },
      },
    ],
  });
  const journal = new JournalEvents('math-7b.2026');
  const deputy = {
    reason: 'arithmetic error',
    authorisedBy: 'deputy-1',
    orderRef: 'order-17',
    policyVersion: 3,
  };
  let fixture: ReadModelFixture;
  let app: TestingModule;
  let versions: Record<string, number>;
  let recordedAt: Map<string, string>;

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL', 'MONGO_URL']);
    const postgres = await createTestDatabase('journal read models');
    fixture = await openReadModelFixture({
      postgres,
      mongoUrl: testMongoUrl('journal read models').url,
    });
    app = await fixture.module(facts);
    await app.init(); // starts the projector's subscription

    const append = (...events: Parameters<ReadModelFixture['append']>[1][]) =>
      fixture.append(journal.streamId, ...events);
    const m2 = journal.markRecorded('mark-2', 'lesson-1', 'pupil-2', '4', 2, 'test');
    versions = {};
    versions.opened = await append(
      journal.opened(),
      journal.teacherAssigned('teacher-1', '2026-09-01'),
      journal.substituteAssigned('teacher-2', '2026-09-10', 2),
    );
    versions.lessons = await append(
      journal.lessonHeld('lesson-1', '2026-09-03', 2, 'Fractions'),
      journal.lessonHeld('lesson-2', '2026-09-05', 1, 'Decimals'),
      journal.lessonHeld('lesson-3', '2026-09-04', 3, 'Entered on the wrong date'),
    );
    // A column of marks and attendance, as the teacher enters it in one go.
    versions.column = await append(
      journal.markRecorded('mark-1', 'lesson-1', 'pupil-1', '5'),
      m2,
      journal.markRecorded('mark-6', 'lesson-1', 'pupil-1', '2'),
      journal.attendanceRecorded('lesson-1', 'pupil-3', 'absent'),
    );
    versions.more = await append(
      journal.markRecorded('mark-4', 'lesson-2', 'pupil-1', '4'),
      journal.markRecorded('mark-5', 'lesson-3', 'pupil-2', '2'),
    );
    versions.corrected = await append(
      journal.markCorrected('mark-2', m2, '4', '5', deputy, DEPUTY),
    );
    versions.revoked = await append(
      journal.markRevoked('mark-6', { reason: 'wrong pupil', policyVersion: 3 }),
    );
    versions.excused = await append(
      journal.attendanceCorrected('lesson-1', 'pupil-3', 'absent', 'excused', {
        reason: "doctor's note",
      }),
    );
    versions.edited = await append(
      journal.lessonEdited(
        'lesson-2',
        'Decimal fractions',
        { text: 'No. 12', dueDate: '2026-09-08' },
        { reason: 'typo' },
      ),
    );
    versions.voided = await append(journal.lessonVoided('lesson-3', { reason: 'wrong date' }));
    expect(
      await app.get(ProjectionWaiter).caughtUp(journal.streamId, versions.voided, 20_000),
    ).toBe(true);
    const events = await fixture.store.readStream(journal.streamId);
    recordedAt = new Map(events.map((event) => [event.eventId, event.recordedAt]));
  }, 60_000);

  afterAll(async () => {
    await fixture?.close();
  });

  it('shows the grid: lessons by date, cells with their revisions, voided lessons left out', async () => {
    const grid = await app.get(GridQuery).grid(journal.journalId);
    expect(grid?.lessons.map((lesson) => [lesson.lessonId, lesson.date, lesson.topic])).toEqual([
      ['lesson-1', '2026-09-03', 'Fractions'],
      ['lesson-2', '2026-09-05', 'Decimal fractions'],
    ]);
    expect(grid?.lessons[1]).toMatchObject({
      period: 1,
      homework: { text: 'No. 12', dueDate: '2026-09-08' },
    });
    expect(grid?.pupils.map((pupil) => pupil.pupilId)).toEqual([
      'pupil-1',
      'pupil-2',
      'pupil-3',
      'pupil-4',
    ]);
    const [p1, p2, p3, p4] = grid?.pupils ?? [];
    expect(p1?.cells[0]).toEqual({
      marks: [
        { markId: 'mark-1', value: '5', workType: 'classwork', weight: 1, revoked: false },
        { markId: 'mark-6', value: '2', workType: 'classwork', weight: 1, revoked: true },
      ],
      attendance: null,
      revision: versions.revoked,
    });
    expect(p1?.cells[1]?.marks.map((mark) => mark.value)).toEqual(['4']);
    expect(p2?.cells).toEqual([
      {
        marks: [{ markId: 'mark-2', value: '5', workType: 'test', weight: 2, revoked: false }],
        attendance: null,
        revision: versions.corrected,
      },
      null,
    ]);
    expect(p3?.cells).toEqual([
      { marks: [], attendance: 'excused', revision: versions.excused },
      null,
    ]);
    expect(p4?.cells).toEqual([null, null]);
  });

  it('averages per period as the policy in force says, counting only what counts', async () => {
    const grid = await app.get(GridQuery).grid(journal.journalId);
    expect(grid?.periods[0]).toMatchObject({
      number: 1,
      closed: false,
      averaging: { method: 'weighted', decimals: 1, rounding: 'half_even' },
      policyVersion: 3,
    });
    // pupil-1: 5 and 4 (the revoked 2 does not count); pupil-2: the corrected 5 (weight 2),
    // not the 2 of the voided lesson.
    const averages = grid?.pupils.map((pupil) => pupil.averages[0]?.value);
    expect(averages).toEqual([4.5, 5, null, null]);
    expect(grid?.pupils[0]?.averages.map((average) => average.period)).toEqual([1, 2, 3, 4]);
  });

  it('keeps voided lessons on request, and cuts the grid to a period', async () => {
    const grid = await app.get(GridQuery).grid(journal.journalId, { includeVoided: true });
    expect(grid?.lessons.map((lesson) => [lesson.lessonId, lesson.voided])).toEqual([
      ['lesson-1', false],
      ['lesson-3', true],
      ['lesson-2', false],
    ]);
    expect(grid?.pupils[1]?.cells[1]?.marks[0]?.value).toBe('2');
    const second = await app.get(GridQuery).grid(journal.journalId, { period: 2 });
    expect(second?.lessons).toEqual([]);
    expect(second?.periods.map((period) => period.number)).toEqual([2]);
    expect(facts.membersAsked.at(-1)).toEqual({
      groupId: 'class-7b',
      startsOn: '2026-11-05',
      endsOn: '2026-12-28',
    });
    const unknown = app.get(GridQuery).grid(journal.journalId, { period: 9 });
    await expect(unknown).rejects.toBeInstanceOf(DomainRefusal);
    await expect(unknown).rejects.toMatchObject({
      code: 'JOURNAL.UNKNOWN_PERIOD',
      kind: 'not_found',
    });
    expect(await app.get(GridQuery).grid('no-such-journal')).toBeNull();
  });

  it("tells a cell's history: who, when, what, why, authorised by whom, under which policy", async () => {
    const { entries } = await app.get(CellHistoryQuery).history(journal, 'lesson-1', 'pupil-2');
    expect(entries).toEqual([
      expect.objectContaining({
        type: 'MarkRecorded',
        actorId: TEACHER.userId,
        actorRole: 'teacher',
        markId: 'mark-2',
        value: '4',
        workType: 'test',
        weight: 2,
        reason: null,
      }),
      expect.objectContaining({
        type: 'MarkCorrected',
        streamVersion: versions.corrected,
        actorId: 'deputy-1',
        actorRole: 'deputy_head',
        from: '4',
        value: '5',
        reason: 'arithmetic error',
        authorisedBy: 'deputy-1',
        orderRef: 'order-17',
        policyVersion: 3,
      }),
    ]);
    for (const entry of entries) expect(entry.recordedAt).toBe(recordedAt.get(entry.eventId));
    const attendance = await app.get(CellHistoryQuery).history(journal, 'lesson-1', 'pupil-3');
    expect(
      attendance.entries.map((entry) => [entry.type, entry.from, entry.status, entry.reason]),
    ).toEqual([
      ['AttendanceRecorded', null, 'absent', null],
      ['AttendanceCorrected', 'absent', 'excused', "doctor's note"],
    ]);
    const revoked = await app.get(CellHistoryQuery).history(journal, 'lesson-1', 'pupil-1');
    expect(revoked.entries.at(-1)).toMatchObject({
      type: 'MarkRevoked',
      markId: 'mark-6',
      reason: 'wrong pupil',
    });
  });

  it('answers an empty cell of the roster, and refuses one that cannot exist', async () => {
    const histories = app.get(CellHistoryQuery);
    expect((await histories.history(journal, 'lesson-3', 'pupil-4')).entries).toEqual([]);
    await expect(histories.history(journal, 'lesson-9', 'pupil-1')).rejects.toMatchObject({
      code: 'JOURNAL.LESSON_NOT_FOUND',
      kind: 'not_found',
    });
    await expect(histories.history(journal, 'lesson-1', 'pupil-9')).rejects.toMatchObject({
      code: 'JOURNAL.PUPIL_NOT_FOUND',
      kind: 'not_found',
    });
  });

  it("lists a teacher's journals and the header that authorises reads", async () => {
    const header = await app.get(JournalQuery).header(journal.journalId);
    expect(header).toMatchObject({
      journalId: journal.journalId,
      regionId: 'region-91',
      schoolId: 'school-1',
      groupId: 'class-7b',
      teachers: [{ teacherId: 'teacher-1', fromDate: '2026-09-01', toDate: null }],
      teacherIds: ['teacher-1'],
      substitutes: [{ teacherId: 'teacher-2', date: '2026-09-10', slot: 2 }],
      lessonCount: 2,
      version: versions.voided,
      stale: false,
    });
    const teachers = app.get(TeacherJournalsQuery);
    expect(await teachers.journalsOf('teacher-1')).toEqual([header]);
    expect(await teachers.journalsOf('teacher-2')).toEqual([header]);
    expect(await teachers.journalsOf('teacher-9')).toEqual([]);
  });
});
