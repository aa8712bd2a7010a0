import { addDays } from '@ejournal/decider';
import { CALENDAR } from '../domain/testing/planning.fixtures';
import { schoolDays } from '../domain/school-days';
import { journalCompletion, type JournalCompletionFacts } from './completion';
import { addInto, figuresOf, journalSeries, zeroLike } from './completion-series';
import { decodeSeries, encodeSeries } from './series-codec';

const MATH = {
  subjectId: 'math',
  kind: 'lesson' as const,
  hoursPerWeek: 2.5,
  byPeriod: [{ period: 2, hoursPerWeek: 4 }],
  subgroups: 1,
};

/** A year of a journal: every Monday, Wednesday and Thursday planned, most of them held. */
function sample(seed: number): JournalCompletionFacts {
  const planned = schoolDays(CALENDAR, CALENDAR).filter((date, i) => (i + seed) % 5 < 3);
  const held = planned
    .filter((_, i) => i % 7 !== seed % 7)
    .map((date, i) => ({
      lessonId: `l-${i}`,
      date,
      slot: 1,
      topic: i % 11 === 0 ? '-' : `Тема ${(i + seed) % 40}`,
      anyEntry: i % 9 !== 0,
      markDates: [date, addDays(date, i % 6), addDays(date, (i * seed) % 13)],
    }));
  return {
    calendar: CALENDAR,
    curriculum: [MATH],
    subjectId: 'math',
    teachingDays: (date) => (date < '2026-11-16' ? [1, 3, 4] : [2, 5]),
    plannedDates: planned,
    held,
    items: Array.from({ length: 45 }, (_, n) => ({
      number: n + 1,
      section: null,
      topic: ` тема  ${n}`,
      hours: 1 + (n % 3),
      plannedDate: n % 4 === 0 ? addDays('2026-08-20', n * 6) : null,
    })),
  };
}

const RANGES = [
  { startsOn: '2026-09-01', endsOn: '2026-09-01' },
  { startsOn: '2026-09-01', endsOn: '2026-10-14' },
  { startsOn: '2026-09-01', endsOn: '2027-05-31' },
  { startsOn: '2026-10-05', endsOn: '2026-12-27' },
  { startsOn: '2027-01-09', endsOn: '2027-03-03' },
  { startsOn: '2026-11-02', endsOn: '2026-11-08' },
];

describe('completion kept day by day', () => {
  it('answers every range and window as the figures computed on the spot', () => {
    for (const seed of [1, 2, 3]) {
      const facts = sample(seed);
      const series = decodeSeries(encodeSeries(journalSeries(facts)));
      for (const range of RANGES) {
        for (const correctionWindowDays of [0, 3, 10]) {
          const expected = journalCompletion({ ...facts, range, correctionWindowDays });
          expect(figuresOf(series, range, correctionWindowDays)).toEqual(expected);
        }
      }
    }
  });

  it('sums journals exactly and rounds curriculum hours once', () => {
    // 2.5 hours over 3 days, four of them up to the 9th: 3.333… hours each, 10 for three
    // journals where their rounded figures would add up to 9.9.
    const [first, ...others] = [1, 2, 3].map((seed) => journalSeries(sample(seed)));
    if (!first) throw new Error('no series');
    const series = [first, ...others];
    const sum = series.reduce((into, each) => addInto(into, each), zeroLike(first));
    const range = { startsOn: '2026-09-01', endsOn: '2026-09-09' };
    const each = figuresOf(first, range, 3);
    expect(each.hoursByCurriculum).toBe(3.3);
    expect(figuresOf(sum, range, 3).hoursByCurriculum).toBe(10);
    expect(figuresOf(sum, range, 3).hoursHeld).toBe(
      series.reduce((total, one) => total + figuresOf(one, range, 3).hoursHeld, 0),
    );
  });
});
