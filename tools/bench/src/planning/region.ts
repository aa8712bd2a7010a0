import {
  journalRegistry,
  journalStreamId,
  newEventId,
  planningStreamId,
  type NewEvent,
} from '@ejournal/contracts';
import { PostgresEventStore } from '@ejournal/event-store';
import { Pool } from 'pg';
import { runConcurrently } from '../measure';
import { REGION_ID } from '../journal/school';

export const YEAR = '2026/2027';
export const SUBJECTS = 10;
export const TEACHERS = 60;
const DAYS = 5;
const SLOTS = 6;

export const schoolId = (s: number) => `pschool-${s}`;
export const classId = (s: number, c: number) => `pclass-${s}-${c}`;
export const journalId = (s: number, c: number, k: number) => `pj-${s}-${c}-${k}`;
export const teacherId = (s: number, t: number) => `pteacher-${s}-${t}`;
export const PUPILS = 30;
export const pupilsOf = (s: number, c: number) =>
  Array.from({ length: PUPILS }, (_, p) => `ppupil-${s}-${c}-${p}`);
/** The teacher of a class's subject: spread so that each teaches about as much. */
export const teacherOf = (s: number, c: number, k: number) =>
  teacherId(s, (c * 3 + k * 7) % TEACHERS);

const CALENDAR = {
  startsOn: '2026-09-01',
  endsOn: '2027-05-31',
  periods: [
    { number: 1, startsOn: '2026-09-01', endsOn: '2026-10-25' },
    { number: 2, startsOn: '2026-11-03', endsOn: '2026-12-28' },
    { number: 3, startsOn: '2027-01-11', endsOn: '2027-03-20' },
    { number: 4, startsOn: '2027-03-30', endsOn: '2027-05-31' },
  ],
  holidays: [{ startsOn: '2026-10-26', endsOn: '2026-11-02', title: 'Осенние каникулы' }],
};

/** The measured school's pupils in their classes since the year began. */
export async function writePupils(admin: Pool, s: number, classes: number) {
  const rows = Array.from({ length: classes }, (_, c) =>
    pupilsOf(s, c).map((p) => [p, classId(s, c)]),
  ).flat();
  await admin.query(
    `INSERT INTO journal_facts.placements (pupil_id, opened_by, school_id, class_id, from_date)
     SELECT p, 1, $3, c, '2026-09-01' FROM unnest($1::text[], $2::text[]) AS t(p, c)`,
    [rows.map(([p]) => p), rows.map(([, c]) => c), schoolId(s)],
  );
}

/**
 * Identity's facts of the region as the journal's projection holds them (`journal_facts`):
 * each school, its calendar, its classes and its teachers' grants, written in bulk.
 */
export async function writeRegionFacts(admin: Pool, schools: number, classes: number) {
  const ids = Array.from({ length: schools }, (_, s) => s);
  await admin.query(
    `INSERT INTO journal_facts.schools (school_id, region_id, time_zone)
     SELECT unnest($1::text[]), $2, 'Europe/Simferopol'`,
    [ids.map(schoolId), REGION_ID],
  );
  await admin.query(
    `INSERT INTO journal_facts.calendars
       (school_id, academic_year, starts_on, ends_on, period_kind, periods, holidays)
     SELECT unnest($1::text[]), $2, $3, $4, 'quarters', $5::jsonb, $6::jsonb`,
    [
      ids.map(schoolId),
      YEAR,
      CALENDAR.startsOn,
      CALENDAR.endsOn,
      JSON.stringify(CALENDAR.periods),
      JSON.stringify(CALENDAR.holidays),
    ],
  );
  const groups = ids.flatMap((s) =>
    Array.from({ length: classes }, (_, c) => [classId(s, c), schoolId(s)]),
  );
  await admin.query(
    `INSERT INTO journal_facts.groups (group_id, school_id, academic_year, kind)
     SELECT g, s, $3, 'class' FROM unnest($1::text[], $2::text[]) AS t(g, s)`,
    [groups.map(([g]) => g), groups.map(([, s]) => s), YEAR],
  );
  const staff = ids.flatMap((s) =>
    Array.from({ length: TEACHERS }, (_, t) => [teacherId(s, t), schoolId(s)]),
  );
  await admin.query(
    `INSERT INTO journal_facts.staff_grants (grant_id, person_id, role, school_id)
     SELECT 'grant-' || p, p, 'teacher', s FROM unnest($1::text[], $2::text[]) AS t(p, s)`,
    [staff.map(([p]) => p), staff.map(([, s]) => s)],
  );
}

function envelope(s: number, type: string, data: unknown): NewEvent {
  return {
    eventId: newEventId(),
    type,
    schemaVersion: journalRegistry.currentVersion(type),
    occurredAt: new Date().toISOString(),
    tenant: { regionId: REGION_ID, schoolId: schoolId(s) },
    actor: { userId: `deputy-${s}`, role: 'deputy_head', onBehalfOf: null },
    correlationId: 'bench-planning',
    causationId: null,
    traceparent: null,
    data,
  };
}

/** A school's year planned: bells, each class's curriculum and weekly timetable of 30 lessons. */
function schoolPlanning(s: number, classes: number): NewEvent[] {
  const slots = Array.from({ length: SLOTS }, (_, i) => ({
    slot: i + 1,
    startsAt: `${String(8 + i).padStart(2, '0')}:30`,
    endsAt: `${String(9 + i).padStart(2, '0')}:15`,
  }));
  const events = [
    envelope(s, 'BellScheduleSet', { academicYear: YEAR, shift: 1, slots, exceptions: [] }),
  ];
  for (let c = 0; c < classes; c += 1) {
    const items = Array.from({ length: SUBJECTS }, (_, k) => ({
      subjectId: `subject-${k}`,
      kind: 'lesson',
      hoursPerWeek: 3,
      byPeriod: [],
      subgroups: 1,
    }));
    events.push(
      envelope(s, 'CurriculumPlanSet', { academicYear: YEAR, groupId: classId(s, c), items }),
    );
    const lessons = [];
    for (let day = 1; day <= DAYS; day += 1) {
      for (let slot = 1; slot <= SLOTS; slot += 1) {
        const k = (day * SLOTS + slot + c) % SUBJECTS;
        lessons.push({
          day,
          slot,
          journalId: journalId(s, c, k),
          teacherId: teacherOf(s, c, k),
          roomId: `room-${c}`,
          subgroup: null,
        });
      }
    }
    const version = {
      academicYear: YEAR,
      groupId: classId(s, c),
      versionId: `v-${classId(s, c)}`,
      effectiveFrom: CALENDAR.startsOn,
      shift: 1,
      lessons,
    };
    events.push(envelope(s, 'TimetableVersionSet', version));
  }
  return events;
}

/** Every school's planning stream appended to the journal's store (as the import would). */
export async function appendRegionPlanning(appUrl: string, schools: number, classes: number) {
  const pool = new Pool({ connectionString: appUrl, max: 4 });
  try {
    const store = new PostgresEventStore({ pool, schemas: journalRegistry });
    const appended = await runConcurrently(4, schools, async (s) => {
      await store.append(
        planningStreamId(schoolId(s), YEAR),
        'noStream',
        schoolPlanning(s, classes),
      );
    });
    return { streams: schools, events: schools * (1 + 2 * classes), seconds: appended.seconds };
  } finally {
    await pool.end();
  }
}

/**
 * The measured school's journals opened (one per class and subject, its teacher assigned) and
 * a year's worth of lessons held in some, appended as the write path would have.
 */
export async function appendSchoolJournals(
  appUrl: string,
  s: number,
  classes: number,
  held: { journals: number; dates: string[] },
) {
  const pool = new Pool({ connectionString: appUrl, max: 4 });
  try {
    const store = new PostgresEventStore({ pool, schemas: journalRegistry });
    const all = Array.from(
      { length: classes * SUBJECTS },
      (_, i) => [Math.floor(i / SUBJECTS), i % SUBJECTS] as const,
    );
    await runConcurrently(4, all.length, async (i) => {
      const [c, k] = all[i] as readonly [number, number];
      const id = journalId(s, c, k);
      const events = [
        envelope(s, 'JournalOpened', {
          journalId: id,
          schoolId: schoolId(s),
          academicYear: YEAR,
          groupId: classId(s, c),
          kind: 'lesson',
          subjectId: `subject-${k}`,
          scale: 'five_point',
        }),
        envelope(s, 'TeacherAssigned', { teacherId: teacherOf(s, c, k), fromDate: '2026-09-01' }),
      ];
      if (i < held.journals) {
        held.dates.forEach((date, n) => {
          const lessonId = `${id}-lesson-${n}`;
          const lesson = {
            lessonId,
            date,
            slot: 1 + (n % 6),
            topic: `Тема ${n + 1}`,
            homework: null,
          };
          events.push(envelope(s, 'LessonHeld', lesson));
          for (const pupilId of pupilsOf(s, c)) {
            const mark = {
              markId: `${lessonId}-${pupilId}`,
              lessonId,
              pupilId,
              value: String(2 + ((n + pupilId.length) % 4)),
              workType: 'classwork',
              weight: 1,
            };
            events.push(envelope(s, 'MarkRecorded', mark));
          }
        });
      }
      await store.append(journalStreamId(id), 'noStream', events);
    });
    return all.length * 2 + held.journals * held.dates.length * (1 + PUPILS);
  } finally {
    await pool.end();
  }
}
