import { datesOfWeek } from '../read-models/iso-week';
import {
  groupLessonsOn,
  plannedWeek,
  type PlanningSources,
  type TimetableChange,
  type TimetableVersion,
} from './planned-lessons';
import { horizonWeeks } from './planning-horizon';

const WEEK = datesOfWeek('2026-W38') as string[]; // Monday 14 … Sunday 20 September 2026
const C7A = 'class-7a';

const version = (effectiveFrom: string, teacher: string): TimetableVersion => ({
  groupId: C7A,
  versionId: `v-${effectiveFrom}`,
  effectiveFrom,
  schoolId: 's1',
  academicYear: '2026/2027',
  shift: 1,
  lessons: [
    { day: 1, slot: 1, journalId: 'j-math', teacherId: teacher, roomId: 'r-1', subgroup: null },
    { day: 1, slot: 2, journalId: 'j-eng-1', teacherId: 't-eng', roomId: 'r-2', subgroup: 1 },
    { day: 1, slot: 2, journalId: 'j-eng-2', teacherId: 't-eng2', roomId: 'r-3', subgroup: 2 },
    { day: 2, slot: 1, journalId: 'j-math', teacherId: teacher, roomId: 'r-1', subgroup: null },
    { day: 3, slot: 3, journalId: 'j-art', teacherId: 't-art', roomId: null, subgroup: null },
    { day: 4, slot: 1, journalId: 'j-math', teacherId: teacher, roomId: 'r-1', subgroup: null },
    { day: 5, slot: 1, journalId: 'j-math', teacherId: teacher, roomId: 'r-1', subgroup: null },
  ],
});

const change = (
  changeId: string,
  kind: TimetableChange['kind'],
  date: string,
  slot: number,
  more: Partial<TimetableChange> = {},
  journalId = 'j-math',
): TimetableChange => ({
  changeId,
  kind,
  groupId: C7A,
  journalId,
  date,
  slot,
  teacherId: null,
  roomId: null,
  toDate: null,
  toSlot: null,
  streamVersion: Number(changeId.slice(2)),
  ...more,
});

const sources = (more: Partial<PlanningSources> = {}): PlanningSources => ({
  memberships: [
    { groupId: C7A, fromDate: '2026-09-01', untilDate: null },
    { groupId: 'eng-1', fromDate: '2026-09-01', untilDate: null },
  ],
  versions: [version('2026-09-01', 't-math')],
  changes: [],
  bells: [
    {
      schoolId: 's1',
      academicYear: '2026/2027',
      shift: 1,
      slots: [
        { slot: 1, startsAt: '08:30', endsAt: '09:15' },
        { slot: 2, startsAt: '09:25', endsAt: '10:10' },
        { slot: 3, startsAt: '10:20', endsAt: '11:05' },
      ],
      exceptions: [
        { date: '2026-09-15', slots: [{ slot: 1, startsAt: '08:30', endsAt: '09:00' }] },
      ],
    },
  ],
  calendars: [
    {
      schoolId: 's1',
      academicYear: '2026/2027',
      startsOn: '2026-09-01',
      endsOn: '2027-05-31',
      periods: [{ startsOn: '2026-09-01', endsOn: '2026-10-25' }],
      holidays: [{ startsOn: '2026-09-16', endsOn: '2026-09-16' }],
    },
  ],
  journals: [
    { journalId: 'j-math', groupId: C7A, subjectId: 'math', activityKind: 'lesson' },
    { journalId: 'j-eng-1', groupId: 'eng-1', subjectId: 'english', activityKind: 'lesson' },
    { journalId: 'j-eng-2', groupId: 'eng-2', subjectId: 'english', activityKind: 'lesson' },
  ],
  held: [],
  homeworkDue: [],
  ...more,
});

const slots = (days: ReturnType<typeof plannedWeek>) =>
  days.map((day) => day.planned.map((lesson) => `${lesson.journalId}@${lesson.slot}`));

describe('plannedWeek', () => {
  it('plans the template on school days: the pupil’s subgroup only, bells with the day’s exception, no holiday', () => {
    const days = plannedWeek(WEEK, sources());
    expect(slots(days)).toEqual([
      ['j-math@1', 'j-eng-1@2'],
      ['j-math@1'],
      [], // a holiday
      ['j-math@1'],
      ['j-math@1'],
      [],
      [],
    ]);
    expect(days[0]?.planned[0]).toEqual({
      journalId: 'j-math',
      subjectId: 'math',
      activityKind: 'lesson',
      slot: 1,
      startsAt: '08:30',
      endsAt: '09:15',
      teacherId: 't-math',
      roomId: 'r-1',
      subgroup: null,
      change: null,
      substituteFor: null,
    });
    expect(days[1]?.planned[0]).toMatchObject({ startsAt: '08:30', endsAt: '09:00' });
  });

  it('applies cancellations, substitutions, moves and extra lessons in the order recorded', () => {
    const days = plannedWeek(
      WEEK,
      sources({
        changes: [
          change('c-1', 'cancellation', '2026-09-14', 1),
          change('c-2', 'substitution', '2026-09-15', 1, { teacherId: 't-sub' }),
          change('c-3', 'move', '2026-09-17', 1, { toDate: '2026-09-19', toSlot: 2 }),
          change('c-4', 'extra', '2026-09-18', 3, { teacherId: 't-math' }),
        ],
      }),
    );
    expect(slots(days)).toEqual([
      ['j-eng-1@2'],
      ['j-math@1'],
      [],
      [],
      ['j-math@1', 'j-math@3'],
      ['j-math@2'], // moved to Saturday
      [],
    ]);
    expect(days[1]?.planned[0]).toMatchObject({
      teacherId: 't-sub',
      roomId: 'r-1',
      substituteFor: 't-math',
      change: { kind: 'substitution', changeId: 'c-2' },
    });
    expect(days[4]?.planned[1]).toMatchObject({ change: { kind: 'extra', changeId: 'c-4' } });
  });

  it('lets a held lesson replace its slot, and lists the homework due each day', () => {
    const days = plannedWeek(
      WEEK,
      sources({
        held: [{ journalId: 'j-math', date: '2026-09-14', slot: 1 }],
        homeworkDue: [
          {
            journalId: 'j-math',
            subjectId: 'math',
            lessonId: 'l-1',
            setOn: '2026-09-10',
            text: 'Exercises 1–5',
            dueDate: '2026-09-15',
          },
        ],
      }),
    );
    expect(slots(days)[0]).toEqual(['j-eng-1@2']);
    expect(days[1]?.homeworkDue).toEqual([
      {
        journalId: 'j-math',
        subjectId: 'math',
        lessonId: 'l-1',
        setOn: '2026-09-10',
        text: 'Exercises 1–5',
      },
    ]);
    expect(days[0]?.homeworkDue).toEqual([]);
  });

  it('follows the version in force each day, and a pupil only on the days of their membership', () => {
    const days = plannedWeek(
      WEEK,
      sources({
        versions: [version('2026-09-01', 't-math'), version('2026-09-17', 't-new')],
        memberships: [{ groupId: C7A, fromDate: '2026-09-01', untilDate: '2026-09-18' }],
      }),
    );
    expect(days.map((day) => day.planned.map((lesson) => lesson.teacherId))).toEqual([
      ['t-math'],
      ['t-math'],
      [],
      ['t-new'],
      [],
      [],
      [],
    ]);
  });
});

describe('groupLessonsOn', () => {
  it('moves a lesson to another day’s slot from the template of its own day', () => {
    const move = change('c-9', 'move', '2026-09-14', 1, { toDate: '2026-09-15', toSlot: 3 });
    const versions = [version('2026-09-01', 't-math')];
    expect(groupLessonsOn(versions, [move], C7A, '2026-09-15').map((l) => l.slot)).toEqual([1, 3]);
    expect(groupLessonsOn(versions, [move], C7A, '2026-09-14').map((l) => l.journalId)).toEqual([
      'j-eng-1',
      'j-eng-2',
    ]);
  });
});

describe('horizonWeeks', () => {
  it('covers this week to the horizon, a day either side for every zone', () => {
    expect(horizonWeeks(new Date('2026-09-10T09:00:00Z'), 7)).toEqual(['2026-W37', '2026-W38']);
    expect(horizonWeeks(new Date('2026-09-13T09:00:00Z'), 7)).toEqual([
      '2026-W37',
      '2026-W38',
      '2026-W39',
    ]);
  });
});
