import { buildMarks, type MarkOfYear } from './marks-document';
import { buildWeek, type WeekSources } from './week-document';

const DATES = [
  '2026-09-07',
  '2026-09-08',
  '2026-09-09',
  '2026-09-10',
  '2026-09-11',
  '2026-09-12',
  '2026-09-13',
];
const lesson = (lessonId: string, date: string, slot: number, journalId = 'j-math') => ({
  lessonId,
  journalId,
  activityKind: journalId === 'j-club' ? 'club' : 'lesson',
  subjectId: journalId === 'j-club' ? null : 'math',
  slot,
  topic: `topic ${lessonId}`,
  edited: false,
  homework: null,
  date,
  streamVersion: 9,
  quarantined: null,
});

describe('buildWeek', () => {
  const sources: WeekSources = {
    lessons: [lesson('l-2', '2026-09-08', 3), lesson('l-1', '2026-09-08', 1, 'j-club')],
    marks: [
      { lessonId: 'l-2', markId: 'm-1', value: '5', workType: 'test', weight: 2, corrected: true },
    ],
    attendance: [{ lessonId: 'l-1', status: 'late', corrected: false }],
  };

  it('puts each lesson on its day in slot order with its marks and attendance', () => {
    const week = buildWeek('pupil-1', '2026-W37', DATES, sources);
    expect(week._id).toBe('pupil-1|2026-W37');
    expect(week.days).toHaveLength(7);
    expect(
      week.days[1]?.lessons.map((each) => [
        each.lessonId,
        each.marks.length,
        each.attendance?.status ?? null,
      ]),
    ).toEqual([
      ['l-1', 0, 'late'],
      ['l-2', 1, null],
    ]);
    expect(week.versions).toEqual({ 'journal-j-math': 9, 'journal-j-club': 9 });
    expect(week.quarantine).toEqual({});
  });

  it('names the streams waiting for a rebuild, and is the same when built twice', () => {
    const quarantined = {
      ...sources,
      lessons: [{ ...lesson('l-2', '2026-09-08', 3), quarantined: 'MESSAGING.HANDLER_FAILED' }],
    };
    const week = buildWeek('pupil-1', '2026-W37', DATES, quarantined);
    expect(week.quarantine).toEqual({ 'journal-j-math': 'MESSAGING.HANDLER_FAILED' });
    expect(buildWeek('pupil-1', '2026-W37', DATES, quarantined)).toEqual(week);
  });
});

describe('buildMarks', () => {
  const mark = (markId: string, date: string, value: string, weight: number): MarkOfYear => ({
    markId,
    journalId: 'j-math',
    subjectId: 'math',
    activityKind: 'lesson',
    date,
    value,
    workType: 'test',
    weight,
    corrected: false,
  });
  const periods = [
    { number: 1, startsOn: '2026-09-01', endsOn: '2026-10-25' },
    { number: 2, startsOn: '2026-11-05', endsOn: '2026-12-27' },
  ];

  it('averages by period and year under the rule, beside the summary marks', () => {
    const document = buildMarks({
      pupilId: 'pupil-1',
      academicYear: '2026/2027',
      averaging: { method: 'weighted', decimals: 2, rounding: 'half_up' },
      periods,
      marks: [
        mark('m-1', '2026-09-08', '5', 2),
        mark('m-2', '2026-09-09', '3', 1),
        mark('m-3', '2026-11-10', '4', 1),
      ],
      summary: [
        { subjectId: 'math', kind: 'period', period: 1, value: '4', corrected: true },
        { subjectId: 'math', kind: 'year', period: 0, value: '4', corrected: false },
      ],
      versions: {},
      quarantine: {},
    });
    const [math] = document.subjects;
    expect(
      math?.periods.map((each) => [each.period, each.average, each.periodMark?.value ?? null]),
    ).toEqual([
      [1, 4.33, '4'],
      [2, 4, null],
    ]);
    expect(math?.average).toBe(4.25);
    expect(math?.year).toEqual({ value: '4', corrected: false });
    expect(math?.final).toBeNull();
  });

  it('averages nothing without a policy, and keeps activities without a subject apart', () => {
    const document = buildMarks({
      pupilId: 'pupil-1',
      academicYear: '2026/2027',
      averaging: null,
      periods,
      marks: [
        {
          ...mark('m-1', '2026-09-08', 'pass', 1),
          subjectId: null,
          journalId: 'j-club',
          activityKind: 'club',
        },
      ],
      summary: [],
      versions: {},
      quarantine: {},
    });
    expect(document.subjects).toEqual([
      expect.objectContaining({
        subjectId: null,
        journalIds: ['j-club'],
        activityKind: 'club',
        average: null,
      }),
    ]);
  });
});
