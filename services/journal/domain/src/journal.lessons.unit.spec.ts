import type { MarkValue } from '@ejournal/contracts';
import { specify } from './testing/journal-spec';
import type { JournalCode } from './journal.errors';
import type { ColumnEntry, JournalCommand } from './journal.commands';
import { journalDecider } from './journal.decider';
import type { JournalFact } from './journal.events';
import type { CommandFacts } from './journal.facts';
import {
  ADMIN,
  CO_TEACHER,
  DEPUTY,
  KINDS,
  OUTSIDER,
  SUBSTITUTE,
  TEACHER,
  closed,
  factsOf,
  journalOpened,
  lessonHeld,
  opened,
  recorded,
  withLesson,
} from './testing/journal.fixtures';

const { given } = specify(journalDecider, KINDS);

type RecordLesson = Extract<JournalCommand, { type: 'RecordLesson' }>;

const lesson = (more: Partial<RecordLesson> = {}): RecordLesson => ({
  type: 'RecordLesson',
  facts: factsOf(TEACHER),
  lessonId: 'lesson-2',
  date: '2026-09-02',
  slot: 1,
  topic: 'Decimals',
  homework: null,
  entries: [],
  ...more,
});

const held = (more: Partial<Extract<JournalFact, { type: 'LessonHeld' }>['data']> = {}) => ({
  type: 'LessonHeld' as const,
  data: {
    lessonId: 'lesson-2',
    date: '2026-09-02',
    slot: 1,
    topic: 'Decimals',
    homework: null,
    ...more,
  },
});

const entries = (
  facts: CommandFacts,
  column: ColumnEntry[],
  lessonId = 'lesson-1',
): JournalCommand => ({ type: 'RecordEntries', facts, lessonId, entries: column });

const mark = (markId: string, value = '5', workType = 'classwork') => ({ markId, value, workType });
const markRecorded = (
  markId: string,
  pupilId: string,
  value: MarkValue,
  weight = 1,
  lessonId = 'lesson-2',
): JournalFact => ({
  type: 'MarkRecorded',
  data: {
    markId,
    lessonId,
    pupilId,
    value,
    workType: weight === 2 ? 'test' : 'classwork',
    weight,
  },
});

describe('an open journal without lessons', () => {
  it('records a lesson with its column: attendance first, then marks with their weights', () =>
    given(opened)
      .when(
        lesson({
          homework: { text: '№ 14', dueDate: '2026-09-04' },
          entries: [
            {
              pupilId: 'pupil-1',
              marks: [mark('m-1', '5'), mark('m-2', '4', 'test')],
              attendance: null,
            },
            { pupilId: 'pupil-2', marks: [], attendance: 'sick' },
            { pupilId: 'pupil-3', marks: [mark('m-3', '3')], attendance: 'late' },
            { pupilId: 'pupil-4', marks: [mark('m-4', 'exempt')], attendance: 'excused' },
          ],
        }),
      )
      .then([
        held({ homework: { text: '№ 14', dueDate: '2026-09-04' } }),
        markRecorded('m-1', 'pupil-1', '5'),
        markRecorded('m-2', 'pupil-1', '4', 2),
        {
          type: 'AttendanceRecorded',
          data: { lessonId: 'lesson-2', pupilId: 'pupil-2', status: 'sick' },
        },
        {
          type: 'AttendanceRecorded',
          data: { lessonId: 'lesson-2', pupilId: 'pupil-3', status: 'late' },
        },
        markRecorded('m-3', 'pupil-3', '3'),
        {
          type: 'AttendanceRecorded',
          data: { lessonId: 'lesson-2', pupilId: 'pupil-4', status: 'excused' },
        },
        markRecorded('m-4', 'pupil-4', 'exempt'),
      ]));

  it('records a lesson without entries even without a policy', () =>
    given(opened)
      .when(lesson({ facts: factsOf(TEACHER, { policy: null }) }))
      .then([held()]));

  it('records a lesson on a pass/fail journal with pass marks', () => {
    const passFail = recorded(ADMIN, {
      type: 'JournalOpened',
      data: { ...journalOpened, scale: 'pass_fail' },
    });
    given([passFail, ...opened.slice(1)])
      .when(
        lesson({
          entries: [{ pupilId: 'pupil-1', marks: [mark('m-1', 'pass')], attendance: null }],
        }),
      )
      .then([held(), markRecorded('m-1', 'pupil-1', 'pass')]);
  });

  it('accepts a lesson dated today in the school zone though it is yesterday in UTC', () =>
    given(opened)
      .when(
        lesson({ date: '2026-09-05', facts: factsOf(TEACHER, { now: '2026-09-04T21:00:00Z' }) }),
      )
      .then([held({ date: '2026-09-05' })]));

  it('refuses JOURNAL.DATE_IN_FUTURE to a lesson dated tomorrow in the school zone', () =>
    given(opened)
      .when(
        lesson({ date: '2026-09-05', facts: factsOf(TEACHER, { now: '2026-09-04T20:59:59Z' }) }),
      )
      .thenRefuses('JOURNAL.DATE_IN_FUTURE'));

  it('refuses JOURNAL.DATE_OUTSIDE_YEAR to a lesson before the first school day', () =>
    given(opened)
      .when(lesson({ date: '2026-08-31' }))
      .thenRefuses('JOURNAL.DATE_OUTSIDE_YEAR'));

  it('refuses JOURNAL.DATE_OUTSIDE_PERIODS to a lesson in the autumn holidays', () =>
    given(opened)
      .when(
        lesson({ date: '2026-10-28', facts: factsOf(TEACHER, { now: '2026-11-10T08:00:00Z' }) }),
      )
      .thenRefuses('JOURNAL.DATE_OUTSIDE_PERIODS'));

  it('refuses JOURNAL.NO_CALENDAR to a lesson without a calendar', () =>
    given(opened)
      .when(lesson({ facts: factsOf(TEACHER, { calendar: null }) }))
      .thenRefuses('JOURNAL.NO_CALENDAR'));

  it('refuses JOURNAL.NO_POLICY to marks without a policy', () =>
    given(opened)
      .when(
        lesson({
          facts: factsOf(TEACHER, { policy: null }),
          entries: [{ pupilId: 'pupil-1', marks: [mark('m-1')], attendance: null }],
        }),
      )
      .thenRefuses('JOURNAL.NO_POLICY'));

  it('refuses JOURNAL.NOT_ASSIGNED to a teacher who does not teach the journal', () =>
    given(opened)
      .when(lesson({ facts: factsOf(OUTSIDER) }))
      .thenRefuses('JOURNAL.NOT_ASSIGNED'));

  it('refuses JOURNAL.NOT_ASSIGNED to a deputy head who does not teach the journal', () =>
    given(opened)
      .when(lesson({ facts: factsOf(DEPUTY) }))
      .thenRefuses('JOURNAL.NOT_ASSIGNED'));

  it('refuses JOURNAL.NOT_ASSIGNED to a teacher on and after the day they were unassigned', () =>
    given([
      ...opened,
      recorded(ADMIN, {
        type: 'TeacherUnassigned',
        data: { teacherId: CO_TEACHER, onDate: '2026-09-02' },
      }),
    ])
      .when(lesson({ facts: factsOf(CO_TEACHER) }))
      .thenRefuses('JOURNAL.NOT_ASSIGNED'));

  describe('with a substitute named for 2 September, slot 3', () => {
    const history = [
      ...opened,
      recorded(DEPUTY, {
        type: 'SubstituteAssigned',
        data: { teacherId: SUBSTITUTE, date: '2026-09-02', slot: 3 },
      }),
    ];
    it('lets the substitute record that lesson', () =>
      given(history)
        .when(lesson({ facts: factsOf(SUBSTITUTE), slot: 3 }))
        .then([held({ slot: 3 })]));
    it('refuses JOURNAL.NOT_ASSIGNED to the substitute in another slot', () =>
      given(history)
        .when(lesson({ facts: factsOf(SUBSTITUTE), slot: 4 }))
        .thenRefuses('JOURNAL.NOT_ASSIGNED'));
  });

  it('refuses JOURNAL.HOMEWORK_DUE_BEFORE_LESSON', () =>
    given(opened)
      .when(lesson({ homework: { text: '№ 1', dueDate: '2026-09-01' } }))
      .thenRefuses('JOURNAL.HOMEWORK_DUE_BEFORE_LESSON'));

  it('refuses JOURNAL.COLUMN_REJECTED listing all three bad pupils, and records nothing', () =>
    given(opened)
      .when(
        lesson({
          entries: [
            { pupilId: 'pupil-1', marks: [mark('m-1', '5')], attendance: null },
            { pupilId: 'pupil-2', marks: [mark('m-2', '6')], attendance: null },
            { pupilId: 'pupil-3', marks: [mark('m-3', '4', 'homework')], attendance: null },
            { pupilId: 'pupil-77', marks: [mark('m-4', '5')], attendance: null },
          ],
        }),
      )
      .thenRefusesEntries([
        { pupilId: 'pupil-2', code: 'JOURNAL.MARK_OUT_OF_SCALE' },
        { pupilId: 'pupil-3', code: 'JOURNAL.UNKNOWN_WORK_TYPE' },
        { pupilId: 'pupil-77', code: 'JOURNAL.PUPIL_NOT_ENROLLED' },
      ]));

  it.each<[JournalCode, ColumnEntry[], string]>([
    [
      'JOURNAL.PUPIL_NOT_ENROLLED',
      [{ pupilId: 'pupil-9', marks: [mark('m-1')], attendance: null }],
      'pupil-9',
    ],
    [
      'JOURNAL.MARK_OUT_OF_SCALE',
      [{ pupilId: 'pupil-1', marks: [mark('m-1', 'pass')], attendance: null }],
      'pupil-1',
    ],
    [
      'JOURNAL.UNKNOWN_WORK_TYPE',
      [{ pupilId: 'pupil-1', marks: [mark('m-1', '5', 'essay')], attendance: null }],
      'pupil-1',
    ],
    ['JOURNAL.EMPTY_ENTRY', [{ pupilId: 'pupil-1', marks: [], attendance: null }], 'pupil-1'],
    [
      'JOURNAL.ABSENT_WITH_MARK',
      [{ pupilId: 'pupil-1', marks: [mark('m-1', '2')], attendance: 'absent' }],
      'pupil-1',
    ],
    [
      'JOURNAL.DUPLICATE_PUPIL',
      [
        { pupilId: 'pupil-1', marks: [mark('m-1')], attendance: null },
        { pupilId: 'pupil-1', marks: [mark('m-2')], attendance: null },
      ],
      'pupil-1',
    ],
    [
      'JOURNAL.DUPLICATE_MARK_ID',
      [
        { pupilId: 'pupil-1', marks: [mark('m-1')], attendance: null },
        { pupilId: 'pupil-2', marks: [mark('m-1')], attendance: null },
      ],
      'pupil-2',
    ],
  ])('refuses the column with %s for the entry at fault', (code, column, pupilId) =>
    given(opened)
      .when(lesson({ entries: column }))
      .thenRefusesEntries(
        code === 'JOURNAL.DUPLICATE_MARK_ID'
          ? [
              { pupilId: 'pupil-1', code },
              { pupilId, code },
            ]
          : [{ pupilId, code }],
      ),
  );
});

describe('a journal with lesson-1 held (mark-1 for pupil-1, pupil-2 absent)', () => {
  it('refuses JOURNAL.LESSON_EXISTS to a lesson id used before', () =>
    given(withLesson)
      .when(lesson({ lessonId: 'lesson-1' }))
      .thenRefuses('JOURNAL.LESSON_EXISTS'));

  it('refuses JOURNAL.SLOT_TAKEN to a second lesson in the same slot', () =>
    given(withLesson)
      .when(lesson({ date: '2026-09-01', slot: 2 }))
      .thenRefuses('JOURNAL.SLOT_TAKEN'));

  it('records a lesson in the next slot', () =>
    given(withLesson)
      .when(lesson({ date: '2026-09-01', slot: 3 }))
      .then([held({ date: '2026-09-01', slot: 3 })]));

  it("lets the co-teacher add marks to the teacher's lesson", () =>
    given(withLesson)
      .when(
        entries(factsOf(CO_TEACHER), [
          { pupilId: 'pupil-3', marks: [mark('m-9', '4', 'test')], attendance: 'late' },
        ]),
      )
      .then([
        {
          type: 'AttendanceRecorded',
          data: { lessonId: 'lesson-1', pupilId: 'pupil-3', status: 'late' },
        },
        markRecorded('m-9', 'pupil-3', '4', 2, 'lesson-1'),
      ]));

  it('adds a second mark to a cell that has one', () =>
    given(withLesson)
      .when(
        entries(factsOf(TEACHER), [
          { pupilId: 'pupil-1', marks: [mark('m-9', 'exempt')], attendance: null },
        ]),
      )
      .then([markRecorded('m-9', 'pupil-1', 'exempt', 1, 'lesson-1')]));

  it('refuses JOURNAL.LESSON_NOT_FOUND to entries for an unknown lesson', () =>
    given(withLesson)
      .when(
        entries(
          factsOf(TEACHER),
          [{ pupilId: 'pupil-1', marks: [mark('m-9')], attendance: null }],
          'lesson-9',
        ),
      )
      .thenRefuses('JOURNAL.LESSON_NOT_FOUND'));

  it('refuses JOURNAL.EMPTY_COLUMN to no entries', () =>
    given(withLesson)
      .when(entries(factsOf(TEACHER), []))
      .thenRefuses('JOURNAL.EMPTY_COLUMN'));

  it('refuses JOURNAL.NOT_ASSIGNED to entries by a teacher of another journal', () =>
    given(withLesson)
      .when(
        entries(factsOf(OUTSIDER), [
          { pupilId: 'pupil-3', marks: [mark('m-9')], attendance: null },
        ]),
      )
      .thenRefuses('JOURNAL.NOT_ASSIGNED'));

  it('refuses JOURNAL.DUPLICATE_MARK_ID to a mark id already recorded', () =>
    given(withLesson)
      .when(
        entries(factsOf(TEACHER), [
          { pupilId: 'pupil-3', marks: [mark('mark-1')], attendance: null },
        ]),
      )
      .thenRefusesEntries([{ pupilId: 'pupil-3', code: 'JOURNAL.DUPLICATE_MARK_ID' }]));

  it('refuses JOURNAL.ATTENDANCE_EXISTS to a second status for the absent pupil', () =>
    given(withLesson)
      .when(entries(factsOf(TEACHER), [{ pupilId: 'pupil-2', marks: [], attendance: 'sick' }]))
      .thenRefusesEntries([{ pupilId: 'pupil-2', code: 'JOURNAL.ATTENDANCE_EXISTS' }]));

  it('refuses JOURNAL.ABSENT_WITH_MARK to a grade for the pupil recorded absent', () =>
    given(withLesson)
      .when(
        entries(factsOf(TEACHER), [
          { pupilId: 'pupil-2', marks: [mark('m-9', '3')], attendance: null },
        ]),
      )
      .thenRefusesEntries([{ pupilId: 'pupil-2', code: 'JOURNAL.ABSENT_WITH_MARK' }]));

  it('refuses JOURNAL.ABSENT_WITH_MARK to an absence for the pupil graded in the lesson', () =>
    given(withLesson)
      .when(entries(factsOf(TEACHER), [{ pupilId: 'pupil-1', marks: [], attendance: 'absent' }]))
      .thenRefusesEntries([{ pupilId: 'pupil-1', code: 'JOURNAL.ABSENT_WITH_MARK' }]));
});

describe('a journal whose lesson-1 was voided', () => {
  const voided = recorded(TEACHER, {
    type: 'LessonVoided',
    data: {
      lessonId: 'lesson-1',
      reason: 'wrong date',
      authorisedBy: null,
      orderRef: null,
      policyVersion: 3,
    },
  });

  it('refuses JOURNAL.LESSON_VOIDED to entries for it', () =>
    given([...opened, lessonHeld, voided])
      .when(
        entries(factsOf(TEACHER), [{ pupilId: 'pupil-1', marks: [mark('m-9')], attendance: null }]),
      )
      .thenRefuses('JOURNAL.LESSON_VOIDED'));

  it('frees its slot for the lesson really held', () =>
    given([...opened, lessonHeld, voided])
      .when(lesson({ date: '2026-09-01', slot: 2 }))
      .then([held({ date: '2026-09-01', slot: 2 })]));
});

describe('a journal with the first quarter closed', () => {
  const later = factsOf(TEACHER, { now: '2026-11-10T08:00:00Z' });

  it('refuses JOURNAL.PERIOD_CLOSED to a lesson in the first quarter', () =>
    given([...opened, closed(1)])
      .when(lesson({ facts: later }))
      .thenRefuses('JOURNAL.PERIOD_CLOSED'));

  it('refuses JOURNAL.PERIOD_CLOSED to entries for a lesson of the first quarter', () =>
    given([...withLesson, closed(1)])
      .when(entries(later, [{ pupilId: 'pupil-3', marks: [mark('m-9')], attendance: null }]))
      .thenRefuses('JOURNAL.PERIOD_CLOSED'));

  it('records a lesson in the second quarter', () =>
    given([...opened, closed(1)])
      .when(lesson({ facts: later, date: '2026-11-09' }))
      .then([held({ date: '2026-11-09' })]));
});
