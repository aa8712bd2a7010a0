import { fold } from '@ejournal/decider';
import { hoursWarnings } from './hours-warnings';
import { plannedColumns, plannedLessons } from './journal-plan';
import { lessonsOn } from './planned-lessons';
import { planningDecider, type PlanningFact } from './planning.decider';
import { CALENDAR, FACTS, lesson, version, versionSet, YEAR } from './testing/planning.fixtures';

const changed = (data: Record<string, unknown>): PlanningFact => ({
  type: 'TimetableChanged',
  data: {
    academicYear: YEAR,
    changeId: `change-${String(data['kind'])}`,
    groupId: 'class-7a',
    journalId: 'math-7a',
    slot: 1,
    teacherId: null,
    roomId: null,
    toDate: null,
    toSlot: null,
    reason: null,
    ...data,
  } as never,
});

// Math on Monday slot 1 and Wednesday slot 2, from 1 Sept; Wednesday moves to slot 3 in October.
const september = version('class-7a', '2026-09-01', [
  lesson(1, 1, 'math-7a', 't-ivanova'),
  lesson(3, 2, 'math-7a', 't-ivanova'),
]);
const october = version('class-7a', '2026-10-01', [
  lesson(1, 1, 'math-7a', 't-ivanova'),
  lesson(3, 3, 'math-7a', 't-ivanova'),
]);

describe('the journal’s planned lessons over the calendar', () => {
  const state = fold(planningDecider, [
    versionSet(september),
    versionSet(october),
    changed({ kind: 'cancellation', date: '2026-09-07' }),
    changed({ kind: 'substitution', date: '2026-09-14', teacherId: 't-sidorova' }),
    changed({ kind: 'extra', date: '2026-09-11', slot: 5, teacherId: 't-ivanova' }),
    changed({ kind: 'move', date: '2026-09-16', slot: 2, toDate: '2026-09-17', toSlot: 4 }),
  ]);

  it('follows the version in force, without the cancelled, with the extra and the moved', () => {
    const planned = plannedLessons(state, 'math-7a', CALENDAR, {
      startsOn: '2026-09-01',
      endsOn: '2026-10-07',
    });
    expect(planned.map((l) => `${l.date}#${l.slot}:${l.origin}`)).toEqual([
      '2026-09-02#2:timetable',
      '2026-09-09#2:timetable',
      '2026-09-11#5:extra',
      '2026-09-14#1:timetable',
      '2026-09-17#4:move',
      '2026-09-21#1:timetable',
      '2026-09-23#2:timetable',
      '2026-09-28#1:timetable',
      '2026-09-30#2:timetable',
      '2026-10-05#1:timetable',
      '2026-10-07#3:timetable',
    ]);
    expect(planned.find((l) => l.date === '2026-09-14')).toMatchObject({
      teacherId: 't-sidorova',
      substituteFor: 't-ivanova',
    });
  });

  it('plans nothing in the holidays', () => {
    const week = plannedLessons(state, 'math-7a', CALENDAR, {
      startsOn: '2026-11-02',
      endsOn: '2026-11-08',
    });
    expect(week).toEqual([]);
    expect(lessonsOn(state, '2026-11-02').length).toBe(1);
  });

  it('marks columns held and proposes the next uncovered topics', () => {
    const planned = plannedLessons(state, 'math-7a', CALENDAR, {
      startsOn: '2026-09-01',
      endsOn: '2026-09-11',
    });
    const items = [
      { number: 1, section: 'Уравнения', topic: 'Линейные уравнения', hours: 1, plannedDate: null },
      { number: 2, section: 'Уравнения', topic: 'Системы уравнений', hours: 2, plannedDate: null },
    ];
    const held = [{ lessonId: 'l1', date: '2026-09-02', slot: 2, topic: ' линейные  уравнения' }];
    expect(plannedColumns(planned, held, items)).toMatchObject([
      { date: '2026-09-02', lessonId: 'l1', proposedTopic: null },
      { date: '2026-09-09', lessonId: null, proposedTopic: { number: 2 } },
      { date: '2026-09-11', lessonId: null, proposedTopic: { number: 2 } },
    ]);
  });
});

describe('weekly hours against the curriculum', () => {
  it('warns where a subject’s hours differ, counting subgroups once per slot', () => {
    const v = version('class-7a', '2026-09-01', [
      lesson(1, 1, 'math-7a', 't-ivanova'),
      lesson(2, 1, 'eng-7a', 't-petrov', { subgroup: 1 }),
      lesson(2, 1, 'eng-7a', 't-sidorova', { subgroup: 2 }),
    ]);
    const curriculum = [
      { subjectId: 'math', kind: 'lesson' as const, hoursPerWeek: 5, byPeriod: [], subgroups: 1 },
      {
        subjectId: 'english',
        kind: 'lesson' as const,
        hoursPerWeek: 1,
        byPeriod: [],
        subgroups: 2,
      },
    ];
    expect(hoursWarnings(v, curriculum, FACTS.journals)).toEqual([
      {
        code: 'PLANNING.HOURS_DIFFER_FROM_CURRICULUM',
        subjectId: 'math',
        curriculumHours: 5,
        timetableHours: 1,
      },
    ]);
    expect(hoursWarnings(v, undefined, FACTS.journals)).toEqual([]);
  });
});
