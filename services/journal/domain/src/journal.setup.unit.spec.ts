import { specify } from './testing/journal-spec';
import type { JournalCommand } from './journal.commands';
import { journalDecider } from './journal.decider';
import type { JournalFact } from './journal.events';
import {
  ADMIN,
  CO_TEACHER,
  DEPUTY,
  HEAD,
  KINDS,
  SUBSTITUTE,
  TEACHER,
  factsOf,
  journalOpened,
  opened,
  policy,
  recorded,
} from './testing/journal.fixtures';

const { given } = specify(journalDecider, KINDS);

const open = (more: Partial<Extract<JournalCommand, { type: 'OpenJournal' }>> = {}) =>
  ({
    type: 'OpenJournal',
    facts: factsOf(ADMIN),
    ...journalOpened,
    teacherIds: [TEACHER, CO_TEACHER, TEACHER],
    ...more,
  }) as const;

const assigned = (teacherId: string, fromDate: string): JournalFact => ({
  type: 'TeacherAssigned',
  data: { teacherId, fromDate },
});

describe('a journal not opened yet', () => {
  it('opens mid-year and assigns each distinct teacher from the start of the year', () =>
    given([])
      .when(open())
      .then([
        { type: 'JournalOpened', data: journalOpened },
        assigned(TEACHER, '2026-09-01'),
        assigned(CO_TEACHER, '2026-09-01'),
      ]));

  it('assigns teachers from the first school day when opened in the summer', () =>
    given([])
      .when(open({ facts: factsOf(HEAD, { now: '2026-08-20T09:00:00Z' }), teacherIds: [TEACHER] }))
      .then([{ type: 'JournalOpened', data: journalOpened }, assigned(TEACHER, '2026-09-01')]));

  it('opens a club journal without a subject on the pass/fail scale', () => {
    const club = { kind: 'club', subjectId: null, scale: 'pass_fail' } as const;
    given([])
      .when(open({ ...club, teacherIds: [] }))
      .then([{ type: 'JournalOpened', data: { ...journalOpened, ...club } }]);
  });

  it('refuses JOURNAL.FORBIDDEN to a teacher', () =>
    given([])
      .when(open({ facts: factsOf(TEACHER) }))
      .thenRefuses('JOURNAL.FORBIDDEN'));

  it('refuses JOURNAL.SUBJECT_REQUIRED for a lesson journal without a subject', () =>
    given([])
      .when(open({ subjectId: null }))
      .thenRefuses('JOURNAL.SUBJECT_REQUIRED'));

  it('refuses JOURNAL.SCALE_NOT_ALLOWED for a scale the policy does not allow', () =>
    given([])
      .when(
        open({
          scale: 'pass_fail',
          facts: factsOf(ADMIN, { policy: { ...policy, markScales: ['five_point'] } }),
        }),
      )
      .thenRefuses('JOURNAL.SCALE_NOT_ALLOWED'));

  it('refuses JOURNAL.NO_CALENDAR without a calendar', () =>
    given([])
      .when(open({ facts: factsOf(ADMIN, { calendar: null }) }))
      .thenRefuses('JOURNAL.NO_CALENDAR'));

  it('refuses JOURNAL.NO_CALENDAR when the calendar is of another year', () =>
    given([])
      .when(open({ academicYear: '2027/2028' }))
      .thenRefuses('JOURNAL.NO_CALENDAR'));

  it('refuses JOURNAL.NO_POLICY without a policy', () =>
    given([])
      .when(open({ facts: factsOf(ADMIN, { policy: null }) }))
      .thenRefuses('JOURNAL.NO_POLICY'));

  it.each<JournalCommand['type']>([
    'AssignTeacher',
    'UnassignTeacher',
    'AssignSubstitute',
    'RecordLesson',
    'RecordEntries',
    'CorrectMark',
    'RevokeMark',
    'CorrectAttendance',
    'EditLesson',
    'VoidLesson',
    'ClosePeriod',
    'ReopenPeriod',
    'SealJournal',
  ])('refuses JOURNAL.NOT_FOUND to %s', (type) =>
    given([])
      .when({ type, facts: factsOf(HEAD) } as JournalCommand)
      .thenRefuses('JOURNAL.NOT_FOUND'),
  );
});

describe('an open journal', () => {
  const unassigned = recorded(ADMIN, {
    type: 'TeacherUnassigned',
    data: { teacherId: CO_TEACHER, onDate: '2026-10-01' },
  });

  it('refuses JOURNAL.ALREADY_OPENED to a second opening', () =>
    given(opened).when(open()).thenRefuses('JOURNAL.ALREADY_OPENED'));

  it('assigns another teacher', () =>
    given(opened)
      .when({
        type: 'AssignTeacher',
        facts: factsOf(ADMIN),
        teacherId: SUBSTITUTE,
        fromDate: '2026-09-07',
      })
      .then([assigned(SUBSTITUTE, '2026-09-07')]));

  it('refuses JOURNAL.FORBIDDEN to a teacher assigning a colleague', () =>
    given(opened)
      .when({
        type: 'AssignTeacher',
        facts: factsOf(TEACHER),
        teacherId: SUBSTITUTE,
        fromDate: '2026-09-07',
      })
      .thenRefuses('JOURNAL.FORBIDDEN'));

  it('refuses JOURNAL.TEACHER_ALREADY_ASSIGNED to a teacher who teaches it', () =>
    given(opened)
      .when({
        type: 'AssignTeacher',
        facts: factsOf(ADMIN),
        teacherId: TEACHER,
        fromDate: '2026-09-07',
      })
      .thenRefuses('JOURNAL.TEACHER_ALREADY_ASSIGNED'));

  it('unassigns a teacher from a date', () =>
    given(opened)
      .when({
        type: 'UnassignTeacher',
        facts: factsOf(HEAD),
        teacherId: CO_TEACHER,
        onDate: '2026-10-01',
      })
      .then([
        { type: 'TeacherUnassigned', data: { teacherId: CO_TEACHER, onDate: '2026-10-01' } },
      ]));

  it('refuses JOURNAL.FORBIDDEN to a teacher unassigning a colleague', () =>
    given(opened)
      .when({
        type: 'UnassignTeacher',
        facts: factsOf(TEACHER),
        teacherId: CO_TEACHER,
        onDate: '2026-10-01',
      })
      .thenRefuses('JOURNAL.FORBIDDEN'));

  it('refuses JOURNAL.TEACHER_NOT_ASSIGNED to unassigning someone who never taught it', () =>
    given(opened)
      .when({
        type: 'UnassignTeacher',
        facts: factsOf(ADMIN),
        teacherId: SUBSTITUTE,
        onDate: '2026-10-01',
      })
      .thenRefuses('JOURNAL.TEACHER_NOT_ASSIGNED'));

  it('refuses JOURNAL.TEACHER_NOT_ASSIGNED to a second unassignment', () =>
    given([...opened, unassigned])
      .when({
        type: 'UnassignTeacher',
        facts: factsOf(ADMIN),
        teacherId: CO_TEACHER,
        onDate: '2026-11-01',
      })
      .thenRefuses('JOURNAL.TEACHER_NOT_ASSIGNED'));

  it('reassigns a teacher from the day their assignment ended', () =>
    given([...opened, unassigned])
      .when({
        type: 'AssignTeacher',
        facts: factsOf(ADMIN),
        teacherId: CO_TEACHER,
        fromDate: '2026-10-01',
      })
      .then([assigned(CO_TEACHER, '2026-10-01')]));

  it('refuses JOURNAL.TEACHER_ALREADY_ASSIGNED to an assignment overlapping an ended one', () =>
    given([...opened, unassigned])
      .when({
        type: 'AssignTeacher',
        facts: factsOf(ADMIN),
        teacherId: CO_TEACHER,
        fromDate: '2026-09-30',
      })
      .thenRefuses('JOURNAL.TEACHER_ALREADY_ASSIGNED'));

  const substitute = { teacherId: SUBSTITUTE, date: '2026-09-10', slot: 3 };

  it('has a deputy head name a substitute for a slot', () =>
    given(opened)
      .when({ type: 'AssignSubstitute', facts: factsOf(DEPUTY), ...substitute })
      .then([{ type: 'SubstituteAssigned', data: substitute }]));

  it('records nothing when the same substitute is named again', () =>
    given([...opened, recorded(DEPUTY, { type: 'SubstituteAssigned', data: substitute })])
      .when({ type: 'AssignSubstitute', facts: factsOf(HEAD), ...substitute })
      .then([]));

  it('refuses JOURNAL.FORBIDDEN to a school admin naming a substitute', () =>
    given(opened)
      .when({ type: 'AssignSubstitute', facts: factsOf(ADMIN), ...substitute })
      .thenRefuses('JOURNAL.FORBIDDEN'));

  it('refuses JOURNAL.DATE_OUTSIDE_YEAR to a substitute in the summer holidays', () =>
    given(opened)
      .when({ type: 'AssignSubstitute', facts: factsOf(DEPUTY), ...substitute, date: '2027-06-02' })
      .thenRefuses('JOURNAL.DATE_OUTSIDE_YEAR'));

  it('refuses JOURNAL.NO_CALENDAR to a substitute without a calendar', () =>
    given(opened)
      .when({
        type: 'AssignSubstitute',
        facts: factsOf(DEPUTY, { calendar: null }),
        ...substitute,
      })
      .thenRefuses('JOURNAL.NO_CALENDAR'));
});
