import {
  journalRegistry,
  journalStreamId,
  newEventId,
  planningStreamId,
  thematicStreamId,
  type NewEvent,
} from '@ejournal/contracts';
import type { EventStore } from '@ejournal/event-store';
import { REGION } from '../../facts/testing/identity-events';
import { SCHOOL, YEAR } from './planning-school';

// Specs only: a school year planned and partly taught, appended straight to the store.

const event = (type: string, data: unknown): NewEvent => ({
  eventId: newEventId(),
  type,
  schemaVersion: journalRegistry.currentVersion(type),
  occurredAt: '2026-11-16T09:00:00Z',
  tenant: { regionId: REGION, schoolId: SCHOOL },
  actor: { userId: 'deputy-p', role: 'deputy_head', onBehalfOf: null },
  correlationId: 'completion-spec',
  causationId: null,
  traceparent: null,
  data,
});

const lesson = (day: number, slot: number, journalId: string, teacherId: string) => ({
  day,
  slot,
  journalId,
  teacherId,
  roomId: null,
  subgroup: null,
});

const item = (subjectId: string, hoursPerWeek: number) => ({
  subjectId,
  kind: 'lesson',
  hoursPerWeek,
  byPeriod: [],
  subgroups: 1,
});

/** 7a: math Mon/Wed/Thu then (from 12 October) Tue/Fri, English on Mondays; 7b: math Fridays. */
export function planningEvents(): NewEvent[] {
  const version = (groupId: string, effectiveFrom: string, lessons: unknown[]) =>
    event('TimetableVersionSet', {
      academicYear: YEAR,
      groupId,
      versionId: `${groupId}-${effectiveFrom}`,
      effectiveFrom,
      shift: 1,
      lessons,
    });
  return [
    event('CurriculumPlanSet', {
      academicYear: YEAR,
      groupId: 'class-7a',
      items: [item('math', 3), item('english', 1.5)],
    }),
    event('CurriculumPlanSet', {
      academicYear: YEAR,
      groupId: 'class-7b',
      items: [item('math', 1)],
    }),
    version('class-7a', '2026-09-01', [
      lesson(1, 1, 'math-7a', 't-ivanova'),
      lesson(3, 2, 'math-7a', 't-ivanova'),
      lesson(4, 1, 'math-7a', 't-ivanova'),
      lesson(1, 2, 'eng-7a', 't-petrov'),
    ]),
    version('class-7a', '2026-10-12', [
      lesson(2, 1, 'math-7a', 't-ivanova'),
      lesson(5, 3, 'math-7a', 't-ivanova'),
      lesson(1, 2, 'eng-7a', 't-petrov'),
    ]),
    version('class-7b', '2026-09-01', [lesson(5, 1, 'math-7b', 't-ivanova')]),
    event('TimetableChanged', {
      academicYear: YEAR,
      changeId: 'cancel-1',
      kind: 'cancellation',
      groupId: 'class-7a',
      journalId: 'math-7a',
      date: '2026-09-07',
      slot: 1,
      teacherId: null,
      roomId: null,
      toDate: null,
      toSlot: null,
      reason: null,
    }),
  ];
}

/** A journal opened with its teacher, and lessons held on some dates (topic, pupil's entry). */
export function journalEvents(
  journalId: string,
  groupId: string,
  subjectId: string,
  teacherId: string,
  held: { date: string; slot: number; topic: string; entry: 'mark' | 'absent' | null }[],
): NewEvent[] {
  const pupilId = groupId === 'class-7a' ? 'pupil-1' : 'pupil-2';
  const events = [
    event('JournalOpened', {
      journalId,
      schoolId: SCHOOL,
      academicYear: YEAR,
      groupId,
      kind: 'lesson',
      subjectId,
      scale: 'five_point',
    }),
    event('TeacherAssigned', { teacherId, fromDate: '2026-09-01' }),
  ];
  held.forEach(({ date, slot, topic, entry }, n) => {
    const lessonId = `${journalId}-l${n}`;
    events.push(event('LessonHeld', { lessonId, date, slot, topic, homework: null }));
    if (entry === 'absent') {
      events.push(event('AttendanceRecorded', { lessonId, pupilId, status: 'absent' }));
    } else if (entry === 'mark') {
      const mark = { markId: `${lessonId}-m`, lessonId, pupilId, value: '5' };
      events.push(event('MarkRecorded', { ...mark, workType: 'classwork', weight: 1 }));
    }
  });
  return events;
}

export const thematicPlan = (journalId: string, topics: string[]) =>
  event('ThematicPlanSet', {
    journalId,
    items: topics.map((topic, n) => ({
      number: n + 1,
      section: null,
      topic,
      hours: 1 + (n % 2),
      plannedDate: n === 0 ? '2026-09-02' : null,
    })),
    copiedFrom: null,
  });

/** The school year's planning, three journals (two with lessons) and math 7a's КТП. */
export async function appendCompletionSchool(store: EventStore): Promise<void> {
  await store.append(planningStreamId(SCHOOL, YEAR), 'noStream', planningEvents());
  const math7a = [
    { date: '2026-09-02', slot: 2, topic: 'Дроби', entry: 'mark' as const },
    { date: '2026-09-03', slot: 1, topic: '-', entry: null },
    { date: '2026-09-09', slot: 2, topic: 'Сложение дробей', entry: 'absent' as const },
    { date: '2026-10-13', slot: 1, topic: 'Проценты', entry: 'mark' as const },
  ];
  const eng7a = [{ date: '2026-09-07', slot: 2, topic: 'Present Simple', entry: 'mark' as const }];
  for (const [journalId, groupId, subjectId, teacherId, held] of [
    ['math-7a', 'class-7a', 'math', 't-ivanova', math7a],
    ['eng-7a', 'class-7a', 'english', 't-petrov', eng7a],
    ['math-7b', 'class-7b', 'math', 't-ivanova', []],
  ] as const) {
    const events = journalEvents(journalId, groupId, subjectId, teacherId, [...held]);
    await store.append(journalStreamId(journalId), 'noStream', events);
  }
  const topics = ['Дроби', 'Сложение дробей', 'Вычитание дробей', 'Проценты', 'Итог'];
  await store.append(thematicStreamId('math-7a'), 'noStream', [thematicPlan('math-7a', topics)]);
}
