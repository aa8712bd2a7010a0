import { specify } from '@ejournal/decider/testing';
import type { PlanningCommand } from './planning.commands';
import { planningDecider } from './planning.decider';
import { FACTS, lesson, version, versionSet, YEAR } from './testing/planning.fixtures';

const { given } = specify(planningDecider, {
  kinds: {
    'PLANNING.UNKNOWN_GROUP': 'unprocessable',
    'PLANNING.NO_LESSON_PLANNED': 'not_found',
    'PLANNING.NOT_A_SCHOOL_DAY': 'unprocessable',
    'PLANNING.CHANGE_EXISTS': 'conflict',
  },
  batchCode: 'PLANNING.TIMETABLE_CONFLICTS',
});

const math7a = version('class-7a', '2026-09-01', [
  lesson(1, 1, 'math-7a', 't-ivanova', { roomId: 'room-21' }),
  lesson(1, 2, 'eng-7a', 't-petrov'),
]);
const change = (data: Record<string, unknown>): PlanningCommand =>
  ({
    type: 'ChangeTimetable' as const,
    facts: FACTS,
    changeId: 'change-1',
    groupId: 'class-7a',
    journalId: 'math-7a',
    date: '2026-09-07',
    slot: 1,
    teacherId: null,
    roomId: null,
    toDate: null,
    toSlot: null,
    reason: null,
    ...data,
  }) as PlanningCommand;

describe('a school year with nothing planned', () => {
  it('sets a class’s curriculum plan', () =>
    given([])
      .when({
        type: 'SetCurriculum',
        facts: FACTS,
        groupId: 'class-7a',
        items: [{ subjectId: 'math', kind: 'lesson', hoursPerWeek: 5, byPeriod: [], subgroups: 1 }],
      })
      .then([
        {
          type: 'CurriculumPlanSet',
          data: {
            academicYear: YEAR,
            groupId: 'class-7a',
            items: [
              { subjectId: 'math', kind: 'lesson', hoursPerWeek: 5, byPeriod: [], subgroups: 1 },
            ],
          },
        },
      ]));

  it('refuses a curriculum of a class identity does not place in the school', () =>
    given([])
      .when({ type: 'SetCurriculum', facts: FACTS, groupId: 'class-9z', items: [] })
      .thenRefuses('PLANNING.UNKNOWN_GROUP'));

  it('refuses bells listing every faulty slot', () => {
    const run = () =>
      planningDecider.decide(
        {
          type: 'SetBells',
          facts: FACTS,
          shift: 1,
          slots: [
            { slot: 1, startsAt: '08:30', endsAt: '09:15' },
            { slot: 2, startsAt: '09:10', endsAt: '09:55' },
            { slot: 3, startsAt: '10:40', endsAt: '10:00' },
          ],
          exceptions: [],
        },
        planningDecider.initialState,
      );
    expect(run).toThrow(
      expect.objectContaining({
        code: 'PLANNING.INVALID_BELLS',
        entries: [
          expect.objectContaining({ code: 'PLANNING.SLOTS_OVERLAP', slot: 2 }),
          expect.objectContaining({ code: 'PLANNING.SLOT_ENDS_BEFORE_START', slot: 3 }),
        ],
      }),
    );
  });

  it('sets a weekly timetable whose subgroups share a slot', () => {
    const split = version('class-7a', '2026-09-01', [
      lesson(2, 3, 'eng-7a', 't-petrov', { subgroup: 1 }),
      lesson(2, 3, 'eng-7a', 't-sidorova', { subgroup: 2 }),
    ]);
    given([])
      .when({ type: 'SetTimetable', facts: FACTS, ...split })
      .then([versionSet(split)]);
  });

  it('refuses a timetable listing every conflict within it', () =>
    given([])
      .when({
        type: 'SetTimetable',
        facts: FACTS,
        ...version('class-7a', '2026-09-01', [
          lesson(1, 1, 'math-7a', 't-ivanova'),
          lesson(1, 1, 'eng-7a', 't-ivanova'),
          lesson(1, 2, 'ghost', 't-nobody'),
        ]),
      })
      .thenRefusesEntries([
        { code: 'PLANNING.UNKNOWN_JOURNAL', journalId: 'ghost' },
        { code: 'PLANNING.UNKNOWN_TEACHER', teacherId: 't-nobody' },
        { code: 'PLANNING.CLASS_SLOT_TAKEN', day: 1, slot: 1 },
        { code: 'PLANNING.TEACHER_BUSY', day: 1, slot: 1, teacherId: 't-ivanova' },
      ]));
});

describe('a school year with 7a’s timetable', () => {
  it('refuses 7b’s teacher and room in 7a’s slot while both versions are in force', () =>
    given([versionSet(math7a)])
      .when({
        type: 'SetTimetable',
        facts: FACTS,
        ...version('class-7b', '2026-10-01', [
          lesson(1, 1, 'math-7b', 't-ivanova', { roomId: 'room-21' }),
        ]),
      })
      .thenRefusesEntries([
        { code: 'PLANNING.TEACHER_BUSY', otherGroupId: 'class-7a', teacherId: 't-ivanova' },
        { code: 'PLANNING.ROOM_BUSY', otherGroupId: 'class-7a', roomId: 'room-21' },
      ]));

  it('lets 7b have that slot once 7a’s next version frees it', () => {
    const next = version('class-7a', '2026-10-01', [lesson(1, 2, 'eng-7a', 't-petrov')]);
    const b = version('class-7b', '2026-10-01', [lesson(1, 1, 'math-7b', 't-ivanova')]);
    given([versionSet(math7a), versionSet(next)])
      .when({ type: 'SetTimetable', facts: FACTS, ...b })
      .then([versionSet(b)]);
  });

  it('records a substitution of a planned lesson', () =>
    given([versionSet(math7a)])
      .when(change({ kind: 'substitution', teacherId: 't-sidorova' }))
      .then([
        {
          type: 'TimetableChanged',
          data: {
            academicYear: YEAR,
            changeId: 'change-1',
            kind: 'substitution',
            groupId: 'class-7a',
            journalId: 'math-7a',
            date: '2026-09-07',
            slot: 1,
            teacherId: 't-sidorova',
            roomId: null,
            toDate: null,
            toSlot: null,
            reason: null,
          },
        },
      ]));

  it('refuses a substitute who teaches elsewhere then', () =>
    given([
      versionSet(math7a),
      versionSet(version('class-7b', '2026-09-01', [lesson(1, 1, 'math-7b', 't-petrov')])),
    ])
      .when(change({ kind: 'substitution', teacherId: 't-petrov' }))
      .thenRefusesEntries([
        { code: 'PLANNING.TEACHER_BUSY', teacherId: 't-petrov', otherGroupId: 'class-7b' },
      ]));

  it('refuses the same change id twice', () =>
    given([
      versionSet(math7a),
      {
        type: 'TimetableChanged',
        data: { ...change({ kind: 'cancellation' }), academicYear: YEAR },
      } as never,
    ])
      .when(change({ kind: 'cancellation' }))
      .thenRefuses('PLANNING.CHANGE_EXISTS'));

  it('refuses a cancellation of a lesson not planned', () =>
    given([versionSet(math7a)])
      .when(change({ kind: 'cancellation', date: '2026-09-08' }))
      .thenRefuses('PLANNING.NO_LESSON_PLANNED'));

  it('refuses a change in the holidays', () =>
    given([versionSet(math7a)])
      .when(change({ kind: 'cancellation', date: '2026-11-02' }))
      .thenRefuses('PLANNING.NOT_A_SCHOOL_DAY'));

  it('refuses a lesson moved onto the class’s other lesson and its teacher', () =>
    given([versionSet(math7a)])
      .when(change({ kind: 'move', toDate: '2026-09-07', toSlot: 2 }))
      .thenRefusesEntries([{ code: 'PLANNING.CLASS_SLOT_TAKEN', slot: 2 }]));

  it('refuses an extra lesson when the teacher is busy, listing it', () =>
    given([versionSet(math7a)])
      .when(
        change({
          kind: 'extra',
          slot: 1,
          groupId: 'class-7b',
          journalId: 'math-7b',
          teacherId: 't-ivanova',
        }),
      )
      .thenRefusesEntries([{ code: 'PLANNING.TEACHER_BUSY', teacherId: 't-ivanova' }]));
});
