import type { RefusalKind } from '@ejournal/decider';
import type { JournalFact } from '../journal.events';
import type { CalendarFacts, CommandFacts, PolicyFacts } from '../journal.facts';

/** Test fixtures for the journal specs: one school year in Simferopol (UTC+3). */

export const TEACHER = 'teacher-1';
export const CO_TEACHER = 'teacher-2';
export const SUBSTITUTE = 'teacher-3';
export const OUTSIDER = 'teacher-9';
export const DEPUTY = 'deputy-1';
export const HEAD = 'head-1';
export const ADMIN = 'admin-1';
export const PUPILS = ['pupil-1', 'pupil-2', 'pupil-3', 'pupil-4'];

export const calendar: CalendarFacts = {
  academicYear: '2026/2027',
  startsOn: '2026-09-01',
  endsOn: '2027-05-31',
  periods: [
    { number: 1, startsOn: '2026-09-01', endsOn: '2026-10-25' },
    { number: 2, startsOn: '2026-11-05', endsOn: '2026-12-27' },
    { number: 3, startsOn: '2027-01-09', endsOn: '2027-03-21' },
    { number: 4, startsOn: '2027-03-31', endsOn: '2027-05-31' },
  ],
};

export const policy: PolicyFacts = {
  policyVersion: 3,
  correctionWindowDays: 3,
  afterWindowAuthorisedBy: ['deputy_head', 'head'],
  afterPeriodClosedAuthorisedBy: ['head'],
  orderRequired: true,
  markScales: ['five_point', 'pass_fail'],
  workTypeWeights: [
    { workType: 'classwork', weight: 1 },
    { workType: 'test', weight: 2 },
  ],
};

const ROLES: Record<string, string[]> = {
  [TEACHER]: ['teacher'],
  [CO_TEACHER]: ['teacher'],
  [SUBSTITUTE]: ['teacher'],
  [OUTSIDER]: ['teacher'],
  [DEPUTY]: ['deputy_head', 'teacher'],
  [HEAD]: ['head'],
  [ADMIN]: ['school_admin'],
};

/** 11:00 in Simferopol on the second school day. */
export const NOW = '2026-09-02T08:00:00Z';

export const factsOf = (userId: string, more: Partial<CommandFacts> = {}): CommandFacts => ({
  caller: { userId, roles: ROLES[userId] ?? [] },
  now: NOW,
  timeZone: 'Europe/Simferopol',
  calendar,
  policy,
  enrolled: PUPILS,
  ...more,
});

/** A fact as the store hands it back: with its event id and the actor's user id. */
export const recorded = <F extends JournalFact>(actorId: string, fact: F, eventId?: string): F => ({
  ...fact,
  actorId,
  eventId: eventId ?? `ev-${fact.type}`,
});

export const journalOpened = {
  journalId: 'journal-1',
  schoolId: 'school-17',
  academicYear: '2026/2027',
  groupId: 'class-7a',
  kind: 'lesson',
  subjectId: 'math',
  scale: 'five_point',
} as const;

/** Versions 1–3: opened by the school admin with two teachers from the first school day. */
export const opened: JournalFact[] = [
  recorded(ADMIN, { type: 'JournalOpened', data: journalOpened }),
  recorded(ADMIN, {
    type: 'TeacherAssigned',
    data: { teacherId: TEACHER, fromDate: '2026-09-01' },
  }),
  recorded(ADMIN, {
    type: 'TeacherAssigned',
    data: { teacherId: CO_TEACHER, fromDate: '2026-09-01' },
  }),
];

/** Version 4: lesson-1 on 1 September, slot 2, by the teacher. */
export const lessonHeld = recorded(
  TEACHER,
  {
    type: 'LessonHeld',
    data: {
      lessonId: 'lesson-1',
      date: '2026-09-01',
      slot: 2,
      topic: 'Fractions',
      homework: { text: '№ 12', dueDate: '2026-09-03' },
    },
  },
  'ev-lesson-1',
);

/** Version 5: mark-1, a 4 for pupil-1 in lesson-1, by the teacher. */
export const markRecorded = recorded(
  TEACHER,
  {
    type: 'MarkRecorded',
    data: {
      markId: 'mark-1',
      lessonId: 'lesson-1',
      pupilId: 'pupil-1',
      value: '4',
      workType: 'classwork',
      weight: 1,
    },
  },
  'ev-mark-1',
);

/** Version 6: pupil-2 absent from lesson-1, entered by the teacher. */
export const absenceRecorded = recorded(TEACHER, {
  type: 'AttendanceRecorded',
  data: { lessonId: 'lesson-1', pupilId: 'pupil-2', status: 'absent' },
});

export const withLesson: JournalFact[] = [...opened, lessonHeld, markRecorded, absenceRecorded];

export const closed = (period: number): JournalFact =>
  recorded(ADMIN, { type: 'PeriodClosed', data: { period } });

/** Every refusal code of the journal domain and the kind the edge answers it with. */
export const KINDS: Record<string, RefusalKind> = {
  'JOURNAL.NOT_FOUND': 'not_found',
  'JOURNAL.SEALED': 'conflict',
  'JOURNAL.NO_CALENDAR': 'precondition',
  'JOURNAL.NO_POLICY': 'precondition',
  'JOURNAL.FORBIDDEN': 'forbidden',
  'JOURNAL.ALREADY_OPENED': 'conflict',
  'JOURNAL.SUBJECT_REQUIRED': 'unprocessable',
  'JOURNAL.SCALE_NOT_ALLOWED': 'unprocessable',
  'JOURNAL.TEACHER_ALREADY_ASSIGNED': 'conflict',
  'JOURNAL.TEACHER_NOT_ASSIGNED': 'conflict',
  'JOURNAL.DATE_OUTSIDE_YEAR': 'unprocessable',
  'JOURNAL.NOT_ASSIGNED': 'forbidden',
  'JOURNAL.LESSON_EXISTS': 'conflict',
  'JOURNAL.DATE_IN_FUTURE': 'unprocessable',
  'JOURNAL.DATE_OUTSIDE_PERIODS': 'unprocessable',
  'JOURNAL.SLOT_TAKEN': 'conflict',
  'JOURNAL.PERIOD_CLOSED': 'conflict',
  'JOURNAL.HOMEWORK_DUE_BEFORE_LESSON': 'unprocessable',
  'JOURNAL.COLUMN_REJECTED': 'unprocessable',
  'JOURNAL.LESSON_NOT_FOUND': 'not_found',
  'JOURNAL.LESSON_VOIDED': 'conflict',
  'JOURNAL.EMPTY_COLUMN': 'unprocessable',
  'JOURNAL.MARK_NOT_FOUND': 'not_found',
  'JOURNAL.ATTENDANCE_NOT_FOUND': 'not_found',
  'JOURNAL.MARK_REVOKED': 'conflict',
  'JOURNAL.CELL_CHANGED': 'conflict',
  'JOURNAL.NOTHING_TO_CORRECT': 'unprocessable',
  'JOURNAL.MARK_OUT_OF_SCALE': 'unprocessable',
  'JOURNAL.ORDER_REQUIRED': 'unprocessable',
  'JOURNAL.CORRECTION_WINDOW_CLOSED': 'forbidden',
  'JOURNAL.NOT_AUTHOR': 'forbidden',
  'JOURNAL.UNKNOWN_PERIOD': 'unprocessable',
  'JOURNAL.PERIOD_ALREADY_CLOSED': 'conflict',
  'JOURNAL.PERIOD_NOT_CLOSED': 'conflict',
  'JOURNAL.PERIODS_OPEN': 'conflict',
  'JOURNAL.PERIOD_REQUIRED': 'unprocessable',
  'JOURNAL.PERIOD_NOT_ALLOWED': 'unprocessable',
  'JOURNAL.SUBJECT_MISMATCH': 'unprocessable',
  'JOURNAL.SUMMARY_MARK_NOT_FOUND': 'not_found',
  'JOURNAL.PUPIL_NOT_ENROLLED': 'unprocessable',
  'JOURNAL.DECISION_EXISTS': 'conflict',
  'JOURNAL.UNKNOWN_DECISION': 'unprocessable',
};
