import { specify } from './testing/journal-spec';
import type { Authorisation, JournalCommand } from './journal.commands';
import { journalDecider } from './journal.decider';
import type { JournalFact } from './journal.events';
import type { CommandFacts } from './journal.facts';
import {
  CO_TEACHER,
  DEPUTY,
  HEAD,
  KINDS,
  TEACHER,
  closed,
  factsOf,
  lessonHeld,
  markRecorded,
  opened,
  policy,
  recorded,
  withLesson,
} from './testing/journal.fixtures';

const { given } = specify(journalDecider, KINDS);

const asTeacher = factsOf(TEACHER);
const why: Authorisation = { reason: 'typo', orderRef: null };
const underOrder: Authorisation = { reason: 'parent complaint', orderRef: 'order-12' };
/** What a correction by the author inside the window records. */
const byAuthor = { reason: 'typo', authorisedBy: null, orderRef: null, policyVersion: 3 };
const absentTo = (to: 'excused' | 'present') =>
  ({ lessonId: 'lesson-1', pupilId: 'pupil-2', from: 'absent', to }) as const;
type Command<T extends JournalCommand['type']> = Extract<JournalCommand, { type: T }>;

const correctMark = (
  facts: CommandFacts,
  value: string,
  expectedCellRevision = 5,
  authority = why,
): Command<'CorrectMark'> => ({
  type: 'CorrectMark',
  facts,
  markId: 'mark-1',
  value,
  expectedCellRevision,
  ...authority,
});

const markCorrected = (
  value: '1' | '2' | '3' | '4' | '5',
  more: Partial<Extract<JournalFact, { type: 'MarkCorrected' }>['data']> = {},
): JournalFact => ({
  type: 'MarkCorrected',
  data: {
    markId: 'mark-1',
    correctsEventId: 'ev-mark-1',
    from: '4',
    value,
    reason: 'typo',
    authorisedBy: null,
    orderRef: null,
    policyVersion: 3,
    ...more,
  },
});

const correctAttendance = (
  facts: CommandFacts,
  to: 'absent' | 'excused' | 'sick' | 'late' | 'present',
  pupilId = 'pupil-2',
  expectedCellRevision = 6,
): JournalCommand => ({
  type: 'CorrectAttendance',
  facts,
  lessonId: 'lesson-1',
  pupilId,
  to,
  expectedCellRevision,
  ...why,
});

const editLesson = (
  facts: CommandFacts,
  topic: string,
  lessonId = 'lesson-1',
): Command<'EditLesson'> => ({
  type: 'EditLesson',
  facts,
  lessonId,
  topic,
  homework: { text: '№ 12', dueDate: '2026-09-03' },
  ...why,
});

describe("lesson-1 inside its author's correction window", () => {
  it('lets the author correct a mark without authorisation, naming the event it corrects', () =>
    given(withLesson)
      .when(correctMark(asTeacher, '5'))
      .then([markCorrected('5')]));

  it('refuses JOURNAL.CELL_CHANGED when a colleague changed the cell since it was read', () =>
    given(withLesson)
      .when(correctMark(asTeacher, '5', 4))
      .thenRefuses('JOURNAL.CELL_CHANGED'));

  it('refuses JOURNAL.NOTHING_TO_CORRECT to the same value', () =>
    given(withLesson).when(correctMark(asTeacher, '4')).thenRefuses('JOURNAL.NOTHING_TO_CORRECT'));

  it('refuses JOURNAL.MARK_OUT_OF_SCALE to a value off the five-point scale', () =>
    given(withLesson)
      .when(correctMark(asTeacher, 'pass'))
      .thenRefuses('JOURNAL.MARK_OUT_OF_SCALE'));

  it('refuses JOURNAL.MARK_NOT_FOUND to an unknown mark', () =>
    given(withLesson)
      .when({ ...correctMark(asTeacher, '5'), markId: 'mark-9' })
      .thenRefuses('JOURNAL.MARK_NOT_FOUND'));

  it("refuses JOURNAL.NOT_AUTHOR to the co-teacher correcting the teacher's mark", () =>
    given(withLesson)
      .when(correctMark(factsOf(CO_TEACHER), '5'))
      .thenRefuses('JOURNAL.NOT_AUTHOR'));

  it("lets a deputy head correct the teacher's mark under an order", () =>
    given(withLesson)
      .when(correctMark(factsOf(DEPUTY), '3', 5, underOrder))
      .then([
        markCorrected('3', {
          reason: 'parent complaint',
          authorisedBy: DEPUTY,
          orderRef: 'order-12',
        }),
      ]));

  it('refuses JOURNAL.ORDER_REQUIRED to a deputy head without an order', () =>
    given(withLesson)
      .when(correctMark(factsOf(DEPUTY), '3'))
      .thenRefuses('JOURNAL.ORDER_REQUIRED'));

  it('lets a deputy head correct without an order where the policy requires none', () =>
    given(withLesson)
      .when(correctMark(factsOf(DEPUTY, { policy: { ...policy, orderRequired: false } }), '3'))
      .then([markCorrected('3', { authorisedBy: DEPUTY })]));

  it('refuses JOURNAL.NO_POLICY to a correction without a policy', () =>
    given(withLesson)
      .when(correctMark(factsOf(TEACHER, { policy: null }), '5'))
      .thenRefuses('JOURNAL.NO_POLICY'));

  it('refuses JOURNAL.NO_CALENDAR to a correction without a calendar', () =>
    given(withLesson)
      .when(correctMark(factsOf(TEACHER, { calendar: null }), '5'))
      .thenRefuses('JOURNAL.NO_CALENDAR'));

  it('lets the author revoke a mark', () =>
    given(withLesson)
      .when({
        type: 'RevokeMark',
        facts: asTeacher,
        markId: 'mark-1',
        expectedCellRevision: 5,
        ...why,
      })
      .then([
        {
          type: 'MarkRevoked',
          data: {
            markId: 'mark-1',
            reason: 'typo',
            authorisedBy: null,
            orderRef: null,
            policyVersion: 3,
          },
        },
      ]));

  it('refuses JOURNAL.CELL_CHANGED to revoking a mark read at another revision', () =>
    given(withLesson)
      .when({
        type: 'RevokeMark',
        facts: asTeacher,
        markId: 'mark-1',
        expectedCellRevision: 0,
        ...why,
      })
      .thenRefuses('JOURNAL.CELL_CHANGED'));

  it('lets the author excuse an absence after a doctor’s note', () =>
    given(withLesson)
      .when(correctAttendance(asTeacher, 'excused'))
      .then([
        {
          type: 'AttendanceCorrected',
          data: {
            ...absentTo('excused'),
            ...byAuthor,
          },
        },
      ]));

  it('lets the author clear an absence entered by mistake', () =>
    given(withLesson)
      .when(correctAttendance(asTeacher, 'present'))
      .then([
        {
          type: 'AttendanceCorrected',
          data: {
            ...absentTo('present'),
            ...byAuthor,
          },
        },
      ]));

  it('refuses JOURNAL.NOTHING_TO_CORRECT to the same status', () =>
    given(withLesson)
      .when(correctAttendance(asTeacher, 'absent'))
      .thenRefuses('JOURNAL.NOTHING_TO_CORRECT'));

  it('refuses JOURNAL.ATTENDANCE_NOT_FOUND to a pupil without attendance', () =>
    given(withLesson)
      .when(correctAttendance(asTeacher, 'late', 'pupil-3', 0))
      .thenRefuses('JOURNAL.ATTENDANCE_NOT_FOUND'));

  it('refuses JOURNAL.CELL_CHANGED to attendance read at another revision', () =>
    given(withLesson)
      .when(correctAttendance(asTeacher, 'excused', 'pupil-2', 5))
      .thenRefuses('JOURNAL.CELL_CHANGED'));

  it('lets the author edit the topic', () =>
    given(withLesson)
      .when(editLesson(asTeacher, 'Fractions and decimals'))
      .then([
        {
          type: 'LessonEdited',
          data: {
            lessonId: 'lesson-1',
            topic: 'Fractions and decimals',
            homework: { text: '№ 12', dueDate: '2026-09-03' },
            ...byAuthor,
          },
        },
      ]));

  it('refuses JOURNAL.NOTHING_TO_CORRECT to the same topic and homework', () =>
    given(withLesson)
      .when(editLesson(asTeacher, 'Fractions'))
      .thenRefuses('JOURNAL.NOTHING_TO_CORRECT'));

  it('refuses JOURNAL.HOMEWORK_DUE_BEFORE_LESSON to an edit', () =>
    given(withLesson)
      .when({
        ...editLesson(asTeacher, 'Fractions'),
        homework: { text: '№ 1', dueDate: '2026-08-31' },
      })
      .thenRefuses('JOURNAL.HOMEWORK_DUE_BEFORE_LESSON'));

  it("refuses JOURNAL.NOT_AUTHOR to the co-teacher editing the teacher's lesson", () =>
    given(withLesson)
      .when(editLesson(factsOf(CO_TEACHER), 'Decimals'))
      .thenRefuses('JOURNAL.NOT_AUTHOR'));

  it('refuses JOURNAL.LESSON_NOT_FOUND to editing an unknown lesson', () =>
    given(withLesson)
      .when(editLesson(asTeacher, 'Decimals', 'lesson-9'))
      .thenRefuses('JOURNAL.LESSON_NOT_FOUND'));

  it('lets the author void a lesson entered on the wrong date', () =>
    given(withLesson)
      .when({ type: 'VoidLesson', facts: asTeacher, lessonId: 'lesson-1', ...why })
      .then([
        {
          type: 'LessonVoided',
          data: {
            lessonId: 'lesson-1',
            reason: 'typo',
            authorisedBy: null,
            orderRef: null,
            policyVersion: 3,
          },
        },
      ]));
});

describe('co-teachers entering the same lesson', () => {
  const coTeacherMark = recorded(
    CO_TEACHER,
    { type: 'MarkRecorded', data: { ...markRecorded.data, markId: 'mark-2', pupilId: 'pupil-3' } },
    'ev-mark-2',
  );

  it("do not conflict on different cells: the teacher's revision of pupil-1 still holds", () =>
    given([...withLesson, coTeacherMark])
      .when(correctMark(asTeacher, '5'))
      .then([markCorrected('5')]));

  it('lets the co-teacher correct their own mark', () =>
    given([...withLesson, coTeacherMark])
      .when({ ...correctMark(factsOf(CO_TEACHER), '2', 7), markId: 'mark-2' })
      .then([markCorrected('2', { markId: 'mark-2', correctsEventId: 'ev-mark-2' })]));

  it('refuses JOURNAL.CELL_CHANGED when the co-teacher added a mark to the same cell', () => {
    const sameCell = recorded(CO_TEACHER, {
      type: 'MarkRecorded',
      data: { ...markRecorded.data, markId: 'mark-2' },
    });
    given([...withLesson, sameCell])
      .when(correctMark(asTeacher, '5'))
      .thenRefuses('JOURNAL.CELL_CHANGED');
  });
});

describe('the correction window of a 1 September lesson (3 days, Europe/Simferopol)', () => {
  const lastSecond = '2026-09-04T20:59:59Z';
  const midnight = '2026-09-04T21:00:00Z';

  it('is still open at 23:59:59 on 4 September in Simferopol', () =>
    given(withLesson)
      .when(correctMark(factsOf(TEACHER, { now: lastSecond }), '5'))
      .then([markCorrected('5')]));

  it('refuses JOURNAL.CORRECTION_WINDOW_CLOSED to the author at midnight in Simferopol', () =>
    given(withLesson)
      .when(correctMark(factsOf(TEACHER, { now: midnight }), '5'))
      .thenRefuses('JOURNAL.CORRECTION_WINDOW_CLOSED'));

  it('lets a deputy head correct after the window under an order', () =>
    given(withLesson)
      .when(correctMark(factsOf(DEPUTY, { now: midnight }), '5', 5, underOrder))
      .then([
        markCorrected('5', {
          reason: 'parent complaint',
          authorisedBy: DEPUTY,
          orderRef: 'order-12',
        }),
      ]));

  it('refuses JOURNAL.CORRECTION_WINDOW_CLOSED to the author editing the lesson late', () =>
    given(withLesson)
      .when(editLesson(factsOf(TEACHER, { now: midnight }), 'Decimals'))
      .thenRefuses('JOURNAL.CORRECTION_WINDOW_CLOSED'));
});

describe('a corrected mark', () => {
  const corrected = recorded(TEACHER, markCorrected('5'), 'ev-correction-1');

  it('names the latest correction when corrected again', () =>
    given([...withLesson, corrected])
      .when(correctMark(asTeacher, '3', 7))
      .then([markCorrected('3', { from: '5', correctsEventId: 'ev-correction-1' })]));

  it('refuses JOURNAL.CELL_CHANGED to a correction read before the last one', () =>
    given([...withLesson, corrected])
      .when(correctMark(asTeacher, '3', 5))
      .thenRefuses('JOURNAL.CELL_CHANGED'));
});

describe('a revoked mark', () => {
  const revoked = recorded(TEACHER, {
    type: 'MarkRevoked',
    data: {
      markId: 'mark-1',
      reason: 'wrong pupil',
      authorisedBy: null,
      orderRef: null,
      policyVersion: 3,
    },
  });

  it('refuses JOURNAL.MARK_REVOKED to a correction', () =>
    given([...withLesson, revoked])
      .when(correctMark(asTeacher, '5', 7))
      .thenRefuses('JOURNAL.MARK_REVOKED'));

  it('refuses JOURNAL.MARK_REVOKED to a second revocation', () =>
    given([...withLesson, revoked])
      .when({
        type: 'RevokeMark',
        facts: asTeacher,
        markId: 'mark-1',
        expectedCellRevision: 7,
        ...why,
      })
      .thenRefuses('JOURNAL.MARK_REVOKED'));
});

describe('a voided lesson', () => {
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
  const history = [...withLesson, voided];

  it.each<[string, JournalCommand]>([
    ['CorrectMark', correctMark(asTeacher, '5')],
    [
      'RevokeMark',
      { type: 'RevokeMark', facts: asTeacher, markId: 'mark-1', expectedCellRevision: 5, ...why },
    ],
    ['CorrectAttendance', correctAttendance(asTeacher, 'excused')],
    ['EditLesson', editLesson(asTeacher, 'Decimals')],
    ['VoidLesson', { type: 'VoidLesson', facts: asTeacher, lessonId: 'lesson-1', ...why }],
  ])('refuses JOURNAL.LESSON_VOIDED to %s', (_type, command) =>
    given(history).when(command).thenRefuses('JOURNAL.LESSON_VOIDED'),
  );
});

describe('an absence corrected to present', () => {
  const cleared = recorded(TEACHER, {
    type: 'AttendanceCorrected',
    data: {
      ...absentTo('present'),
      ...byAuthor,
    },
  });

  it('refuses JOURNAL.ATTENDANCE_NOT_FOUND to a further correction', () =>
    given([...withLesson, cleared])
      .when(correctAttendance(asTeacher, 'late', 'pupil-2', 7))
      .thenRefuses('JOURNAL.ATTENDANCE_NOT_FOUND'));

  it('takes a new status for the cell', () =>
    given([...withLesson, cleared])
      .when({
        type: 'RecordEntries',
        facts: asTeacher,
        lessonId: 'lesson-1',
        entries: [{ pupilId: 'pupil-2', marks: [], attendance: 'late' }],
      })
      .then([
        {
          type: 'AttendanceRecorded',
          data: { lessonId: 'lesson-1', pupilId: 'pupil-2', status: 'late' },
        },
      ]));
});

describe('lesson-1 in the closed first quarter', () => {
  const history = [...withLesson, closed(1)];

  it('refuses JOURNAL.PERIOD_CLOSED to the author inside the window', () =>
    given(history).when(correctMark(asTeacher, '5')).thenRefuses('JOURNAL.PERIOD_CLOSED'));

  it('refuses JOURNAL.PERIOD_CLOSED to a deputy head the policy does not name for closed periods', () =>
    given(history)
      .when(correctMark(factsOf(DEPUTY), '5', 5, underOrder))
      .thenRefuses('JOURNAL.PERIOD_CLOSED'));

  it('lets the head correct under an order', () =>
    given(history)
      .when(correctMark(factsOf(HEAD), '5', 5, underOrder))
      .then([
        markCorrected('5', {
          reason: 'parent complaint',
          authorisedBy: HEAD,
          orderRef: 'order-12',
        }),
      ]));

  it('refuses JOURNAL.ORDER_REQUIRED to the head without an order', () =>
    given(history)
      .when(correctMark(factsOf(HEAD), '5'))
      .thenRefuses('JOURNAL.ORDER_REQUIRED'));

  it('lets the author correct again once the quarter is reopened', () =>
    given([
      ...history,
      recorded(HEAD, {
        type: 'PeriodReopened',
        data: { period: 1, reason: 'audit', authorisedBy: HEAD, orderRef: 'order-13' },
      }),
    ])
      .when(correctMark(asTeacher, '5'))
      .then([markCorrected('5')]));

  it('refuses JOURNAL.PERIOD_CLOSED to editing a lesson of the closed quarter', () =>
    given([...opened, lessonHeld, closed(1)])
      .when(editLesson(asTeacher, 'Decimals'))
      .thenRefuses('JOURNAL.PERIOD_CLOSED'));
});
