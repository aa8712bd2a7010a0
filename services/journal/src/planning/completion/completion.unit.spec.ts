import { CALENDAR } from '../domain/testing/planning.fixtures';
import { journalCompletion } from './completion';

const held = (date: string, topic: string, more: object = {}) => ({
  lessonId: `lesson-${date}`,
  date,
  slot: 1,
  topic,
  anyEntry: true,
  markDates: [],
  ...more,
});

const MATH = {
  subjectId: 'math',
  kind: 'lesson' as const,
  hoursPerWeek: 3,
  byPeriod: [] as { period: number; hoursPerWeek: number }[],
  subgroups: 1,
};

describe('a journal’s programme completion', () => {
  const input = {
    calendar: CALENDAR,
    // Two weeks of September; the class is taught Monday to Wednesday.
    range: { startsOn: '2026-09-07', endsOn: '2026-09-20' },
    curriculum: [MATH],
    subjectId: 'math',
    teachingDays: () => [1, 2, 3],
    plannedDates: ['2026-09-02', '2026-09-07', '2026-09-09', '2026-09-14', '2026-09-16'],
    held: [
      held('2026-09-07', 'Дроби', { markDates: ['2026-09-07', '2026-09-11'] }),
      held('2026-09-09', ' дроби '),
      held('2026-09-14', '—', { anyEntry: false }),
      held('2026-09-30', 'После'),
    ],
    items: [
      { number: 1, section: null, topic: 'Дроби', hours: 1, plannedDate: '2026-09-07' },
      { number: 2, section: null, topic: 'Проценты', hours: 2, plannedDate: null },
      { number: 3, section: null, topic: 'Итог', hours: 1, plannedDate: '2026-10-01' },
    ],
    correctionWindowDays: 3,
  };

  it('counts hours, topics, lessons without topic or entries, late marks within the range', () => {
    expect(journalCompletion(input)).toEqual({
      hoursByCurriculum: 6,
      hoursByTimetable: 4,
      hoursHeld: 3,
      topicsPlanned: 2,
      topicsCovered: 1,
      lessonsWithoutTopic: 1,
      lessonsWithoutAttendance: 1,
      lateMarks: 1,
    });
  });

  it('spreads weekly hours over the days of the timetable version in force on each date', () => {
    // From Wednesday 9 September the class is taught on Thursdays and Fridays: 1 + 1 hours
    // on the 7th and 8th, then 1.5 on each of four days.
    const teachingDays = (date: string) => (date < '2026-09-09' ? [1, 2, 3] : [4, 5]);
    expect(journalCompletion({ ...input, teachingDays }).hoursByCurriculum).toBe(8);
    const fourDays = { ...input, teachingDays: () => [1, 2, 3, 4] };
    expect(journalCompletion(fourDays).hoursByCurriculum).toBe(6);
  });

  it('takes a period’s own weekly hours where the curriculum gives them', () => {
    const curriculum = [{ ...MATH, byPeriod: [{ period: 1, hoursPerWeek: 6 }] }];
    expect(journalCompletion({ ...input, curriculum }).hoursByCurriculum).toBe(12);
  });
});
