import { fold, periodOf, todayIn } from '@ejournal/decider';
import type { JournalCommand } from './journal.commands';
import { journalDecider } from './journal.decider';
import type { JournalFact } from './journal.events';
import {
  ADMIN,
  CO_TEACHER,
  DEPUTY,
  HEAD,
  SUBSTITUTE,
  TEACHER,
  calendar,
  closed,
  factsOf,
  markRecorded,
  recorded,
  withLesson,
} from './testing/journal.fixtures';
import { cellRevision, lessonDateOf, markCell, type JournalState } from './journal.state';

const correction = { reason: 'typo', authorisedBy: null, orderRef: null, policyVersion: 3 };

/** Every event type, so the snapshot holds every part of the state. */
const everything: JournalFact[] = [
  ...withLesson,
  recorded(DEPUTY, {
    type: 'SubstituteAssigned',
    data: { teacherId: SUBSTITUTE, date: '2026-09-03', slot: 1 },
  }),
  recorded(ADMIN, {
    type: 'TeacherUnassigned',
    data: { teacherId: CO_TEACHER, onDate: '2026-10-01' },
  }),
  recorded(
    TEACHER,
    {
      type: 'MarkCorrected',
      data: {
        ...correction,
        markId: 'mark-1',
        correctsEventId: 'ev-mark-1',
        from: '4',
        value: '5',
      },
    },
    'ev-fix',
  ),
  recorded(TEACHER, {
    type: 'AttendanceCorrected',
    data: {
      ...correction,
      lessonId: 'lesson-1',
      pupilId: 'pupil-2',
      from: 'absent',
      to: 'present',
    },
  }),
  recorded(TEACHER, {
    type: 'LessonEdited',
    data: { ...correction, lessonId: 'lesson-1', topic: 'Decimals', homework: null },
  }),
  recorded(TEACHER, { type: 'MarkRevoked', data: { ...correction, markId: 'mark-1' } }),
  recorded(TEACHER, { type: 'LessonVoided', data: { ...correction, lessonId: 'lesson-1' } }),
  closed(2),
  closed(1),
  recorded(HEAD, {
    type: 'PeriodReopened',
    data: { period: 2, reason: 'audit', authorisedBy: HEAD, orderRef: null },
  }),
];

const snapshot = (state: JournalState): JournalState => JSON.parse(JSON.stringify(state));

describe('the folded journal state', () => {
  const state = fold(journalDecider, everything);

  it('counts every event as its version', () => expect(state.version).toBe(everything.length));

  it('keeps assignments as half-open intervals and substitutes per date and slot', () => {
    expect(state.assignments).toEqual([
      { teacherId: TEACHER, fromDate: '2026-09-01', onDate: null },
      { teacherId: CO_TEACHER, fromDate: '2026-09-01', onDate: '2026-10-01' },
    ]);
    expect(state.substitutes).toEqual({ '2026-09-03:1': SUBSTITUTE });
  });

  it('keeps the lesson with its author and the revision of its last change', () =>
    expect(state.lessons['lesson-1']).toEqual({
      date: '2026-09-01',
      slot: 2,
      topic: 'Decimals',
      homework: null,
      voided: true,
      author: TEACHER,
      revision: 13,
    }));

  it('keeps the mark with its original author and the id of its latest correction', () =>
    expect(state.marks['mark-1']).toEqual({
      ...{ lessonId: 'lesson-1', pupilId: 'pupil-1', value: '5', workType: 'classwork', weight: 1 },
      ...{ revoked: true, author: TEACHER, lastEventId: 'ev-fix' },
    }));

  it('keeps an attendance corrected to present as a null status', () =>
    expect(state.attendance['lesson-1:pupil-2']).toEqual({ status: null, author: TEACHER }));

  it('revises a cell at the version of the last event touching it, 0 if none did', () => {
    expect(cellRevision(state, 'lesson-1', 'pupil-1')).toBe(12);
    expect(cellRevision(state, 'lesson-1', 'pupil-2')).toBe(10);
    expect(cellRevision(state, 'lesson-1', 'pupil-3')).toBe(0);
  });

  it('keeps closed periods sorted', () => expect(state.closedPeriods).toEqual([1]));

  it('names the cell of a mark', () => {
    expect(markCell(state, 'mark-1')).toEqual({ lessonId: 'lesson-1', pupilId: 'pupil-1' });
    expect(markCell(state, 'mark-9')).toBeNull();
  });

  it('survives a JSON snapshot unchanged', () => expect(snapshot(state)).toEqual(state));

  it('folds on from a JSON snapshot at any version as from the events', () => {
    for (let at = 0; at <= everything.length; at += 1) {
      const restored = snapshot(fold(journalDecider, everything.slice(0, at)));
      expect(fold(journalDecider, everything.slice(at), restored)).toEqual(state);
    }
  });

  it('decides the same from a snapshot as from the events', () => {
    const history = withLesson;
    const command: JournalCommand = {
      type: 'CorrectMark',
      facts: factsOf(TEACHER),
      markId: 'mark-1',
      value: '3',
      expectedCellRevision: 5,
      reason: 'typo',
      orderRef: null,
    };
    const fromEvents = fold(journalDecider, history);
    expect(journalDecider.decide(command, snapshot(fromEvents))).toEqual(
      journalDecider.decide(command, fromEvents),
    );
  });

  it('takes the author and event id only from recorded facts', () => {
    const fresh = fold(journalDecider, [{ type: markRecorded.type, data: markRecorded.data }]);
    expect(fresh.marks['mark-1']).toMatchObject({ author: null, lastEventId: '' });
    expect(snapshot(fresh)).toEqual(fresh);
  });
});

describe('lessonDateOf', () => {
  const state = fold(journalDecider, withLesson);
  const facts = factsOf(TEACHER);
  const why = { reason: 'r', orderRef: null };

  it.each<[string, JournalCommand, string | null]>([
    [
      'a new lesson',
      {
        type: 'RecordLesson',
        facts,
        lessonId: 'l-2',
        date: '2026-09-02',
        slot: 1,
        topic: 't',
        homework: null,
        entries: [],
      },
      '2026-09-02',
    ],
    ['entries', { type: 'RecordEntries', facts, lessonId: 'lesson-1', entries: [] }, '2026-09-01'],
    [
      'a mark correction',
      { type: 'CorrectMark', facts, markId: 'mark-1', value: '5', expectedCellRevision: 5, ...why },
      '2026-09-01',
    ],
    [
      'a revocation',
      { type: 'RevokeMark', facts, markId: 'mark-1', expectedCellRevision: 5, ...why },
      '2026-09-01',
    ],
    [
      'an attendance correction',
      {
        type: 'CorrectAttendance',
        facts,
        lessonId: 'lesson-1',
        pupilId: 'pupil-2',
        to: 'sick',
        expectedCellRevision: 6,
        ...why,
      },
      '2026-09-01',
    ],
    [
      'a lesson edit',
      { type: 'EditLesson', facts, lessonId: 'lesson-1', topic: 't', homework: null, ...why },
      '2026-09-01',
    ],
    ['a voiding', { type: 'VoidLesson', facts, lessonId: 'lesson-1', ...why }, '2026-09-01'],
    [
      'an unknown mark',
      { type: 'RevokeMark', facts, markId: 'mark-9', expectedCellRevision: 0, ...why },
      null,
    ],
    [
      'an unknown lesson',
      { type: 'RecordEntries', facts, lessonId: 'lesson-9', entries: [] },
      null,
    ],
    ['closing a period', { type: 'ClosePeriod', facts, period: 1 }, null],
    [
      'a substitute',
      { type: 'AssignSubstitute', facts, teacherId: SUBSTITUTE, date: '2026-09-03', slot: 1 },
      null,
    ],
  ])('is the roster date of %s', (_case, command, date) =>
    expect(lessonDateOf(command, state)).toBe(date),
  );
});

describe('school time', () => {
  it('is today in the school zone, not in UTC', () => {
    expect(todayIn('Europe/Simferopol', '2026-09-04T20:59:59Z')).toBe('2026-09-04');
    expect(todayIn('Europe/Simferopol', '2026-09-04T21:00:00Z')).toBe('2026-09-05');
    expect(todayIn('Asia/Vladivostok', '2026-09-04T14:00:00Z')).toBe('2026-09-05');
  });

  it('finds the period of a date, none in the holidays', () => {
    expect(periodOf(calendar, '2026-09-01')).toBe(1);
    expect(periodOf(calendar, '2026-10-25')).toBe(1);
    expect(periodOf(calendar, '2026-10-28')).toBeNull();
    expect(periodOf(calendar, '2027-05-31')).toBe(4);
  });
});
