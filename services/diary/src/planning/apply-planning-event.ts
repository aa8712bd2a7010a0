import type { PlanningStreamEvent, RecordedEvent } from '@ejournal/contracts';
import { addDays, todayIn, unreachable } from '@ejournal/decider';
import { membersOn } from '@ejournal/identity-facts';
import type { PoolClient } from 'pg';
import { DIARY_FACTS } from '../facts/project-identity-event';
import type { NotificationDraft } from '../journal-events/notification-rows';
import { stalePlannedWeeks, staleWeeksOfGroup } from '../journal-events/stale-documents';
import {
  bellsOf,
  groupLessonsOn,
  templateLessons,
  type BellSchedule,
  type GroupLesson,
  type TimetableChange,
  type TimetableVersion,
} from './planned-lessons';

/** An event of a `planning-{schoolId}-{startYear}` stream as recorded. */
export type RecordedPlanningEvent = {
  [T in PlanningStreamEvent['type']]: RecordedEvent<
    T,
    Extract<PlanningStreamEvent, { type: T }>['data']
  >;
}[PlanningStreamEvent['type']];

export const isPlanningStream = (streamId: string) => streamId.startsWith('planning-');

const DAY = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

async function versionsOf(client: PoolClient, groupId: string): Promise<TimetableVersion[]> {
  const { rows } = await client.query<TimetableVersion>(
    `SELECT group_id AS "groupId", version_id AS "versionId",
       ${DAY('effective_from')} AS "effectiveFrom", school_id AS "schoolId",
       academic_year AS "academicYear", shift, lessons
     FROM diary.timetable_versions WHERE group_id = $1`,
    [groupId],
  );
  return rows;
}

async function changesOf(client: PoolClient, groupId: string, date: string) {
  const { rows } = await client.query<TimetableChange>(
    `SELECT change_id AS "changeId", kind, group_id AS "groupId", journal_id AS "journalId",
       ${DAY('date')} AS date, slot, teacher_id AS "teacherId", room_id AS "roomId",
       ${DAY('to_date')} AS "toDate", to_slot AS "toSlot", stream_version AS "streamVersion"
     FROM diary.timetable_changes WHERE group_id = $1 AND (date = $2::date OR to_date = $2::date)`,
    [groupId, date],
  );
  return rows;
}

async function bellsOfSchool(client: PoolClient, schoolId: string): Promise<BellSchedule[]> {
  const { rows } = await client.query<BellSchedule>(
    `SELECT school_id AS "schoolId", academic_year AS "academicYear", shift, slots, exceptions
     FROM diary.bell_schedules WHERE school_id = $1`,
    [schoolId],
  );
  return rows;
}

async function journalOf(client: PoolClient, journalId: string) {
  const { rows } = await client.query<{
    groupId: string;
    subjectId: string | null;
    activityKind: string;
  }>(
    `SELECT group_id AS "groupId", subject_id AS "subjectId", kind AS "activityKind"
     FROM diary.journals WHERE journal_id = $1`,
    [journalId],
  );
  return rows[0] ?? null;
}

/** The school's date of the event: "coming days" are counted from it, so a replay agrees. */
async function dayOfEvent(client: PoolClient, event: RecordedPlanningEvent): Promise<string> {
  const { rows } = await client.query<{ time_zone: string }>(
    'SELECT time_zone FROM diary_facts.schools WHERE school_id = $1',
    [event.tenant.schoolId],
  );
  const zone = rows[0]?.time_zone ?? 'UTC';
  return todayIn(zone, event.occurredAt);
}

export interface PlanningApplied {
  drafts: NotificationDraft[];
}

const NOTHING: PlanningApplied = { drafts: [] };

/**
 * Applies one planning event to the diary's planning tables (in the caller's transaction),
 * marks the pupils' weeks it changes, and drafts the notifications of changes to coming days:
 * from the school's date of the event to `horizonDays` after it. A change of a day gone by
 * notifies nobody.
 */
export async function applyPlanningEvent(
  client: PoolClient,
  event: RecordedPlanningEvent,
  horizonDays: number,
): Promise<PlanningApplied> {
  const schoolId = event.tenant.schoolId ?? '';
  switch (event.type) {
    case 'CurriculumPlanSet':
      return NOTHING;
    case 'BellScheduleSet': {
      const { academicYear, shift, slots, exceptions } = event.data;
      await client.query(
        `INSERT INTO diary.bell_schedules (school_id, academic_year, shift, slots, exceptions)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (school_id, academic_year, shift)
         DO UPDATE SET slots = EXCLUDED.slots, exceptions = EXCLUDED.exceptions`,
        [
          schoolId,
          academicYear,
          shift,
          JSON.stringify(slots),
          JSON.stringify(exceptions.map(({ date, slots: each }) => ({ date, slots: each }))),
        ],
      );
      await stalePlannedWeeks(client, { schoolId });
      return NOTHING;
    }
    case 'TimetableVersionSet': {
      const { academicYear, groupId, versionId, effectiveFrom, shift, lessons } = event.data;
      const before = await versionsOf(client, groupId);
      await client.query(
        `INSERT INTO diary.timetable_versions (group_id, effective_from, school_id, academic_year,
           version_id, shift, lessons, stream_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (group_id, effective_from) DO UPDATE SET version_id = EXCLUDED.version_id,
           shift = EXCLUDED.shift, lessons = EXCLUDED.lessons, school_id = EXCLUDED.school_id,
           academic_year = EXCLUDED.academic_year, stream_id = EXCLUDED.stream_id`,
        [
          groupId,
          effectiveFrom,
          schoolId,
          academicYear,
          versionId,
          shift,
          JSON.stringify(lessons),
          event.streamId,
        ],
      );
      const after = await versionsOf(client, groupId);
      await stalePlannedWeeks(client, { groups: [groupId], from: effectiveFrom });
      const today = await dayOfEvent(client, event);
      const dates = comingDates(today, horizonDays).filter(
        (date) =>
          date >= effectiveFrom &&
          lessonsKey(templateLessons(before, groupId, date)) !==
            lessonsKey(templateLessons(after, groupId, date)),
      );
      if (dates.length === 0) return NOTHING;
      const pupils = await membersOn(client, DIARY_FACTS, groupId, dates[0] as string);
      return {
        drafts: [
          {
            kind: 'timetable_changed',
            pupilIds: pupils,
            data: { groupId, versionId, effectiveFrom, dates },
          },
        ],
      };
    }
    case 'TimetableChanged': {
      const change: TimetableChange = {
        changeId: event.data.changeId,
        kind: event.data.kind,
        groupId: event.data.groupId,
        journalId: event.data.journalId,
        date: event.data.date,
        slot: event.data.slot,
        teacherId: event.data.teacherId,
        roomId: event.data.roomId,
        toDate: event.data.toDate,
        toSlot: event.data.toSlot,
        streamVersion: event.streamVersion,
      };
      const versions = await versionsOf(client, change.groupId);
      const earlier = await changesOf(client, change.groupId, change.date);
      await client.query(
        `INSERT INTO diary.timetable_changes (change_id, school_id, academic_year, kind, group_id,
           journal_id, date, slot, teacher_id, room_id, to_date, to_slot, stream_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (change_id) DO NOTHING`,
        [
          change.changeId,
          schoolId,
          event.data.academicYear,
          change.kind,
          change.groupId,
          change.journalId,
          change.date,
          change.slot,
          change.teacherId,
          change.roomId,
          change.toDate,
          change.toSlot,
          change.streamVersion,
        ],
      );
      const touched = [change.date, ...(change.toDate ? [change.toDate] : [])];
      await staleWeeksOfGroup(client, change.groupId, touched);
      const today = await dayOfEvent(client, event);
      const last = addDays(today, horizonDays);
      const coming = touched.filter((date) => today <= date && date <= last);
      if (coming.length === 0) return NOTHING;
      const journal = await journalOf(client, change.journalId);
      const pupils = await membersOn(
        client,
        DIARY_FACTS,
        journal?.groupId ?? change.groupId,
        coming[0] as string,
      );
      if (pupils.length === 0) return NOTHING;
      const bells = await bellsOfSchool(client, schoolId);
      // The lesson as the day had it before this change.
      const planned = groupLessonsOn(versions, earlier, change.groupId, change.date).find(
        (lesson) => lesson.journalId === change.journalId && lesson.slot === change.slot,
      );
      const describe = (lesson: Partial<GroupLesson>, date: string, slot: number) => {
        const times = bellsOf(bells, {
          schoolId,
          academicYear: event.data.academicYear,
          shift: planned?.shift ?? versions[0]?.shift ?? 1,
          date,
          slot,
        });
        return {
          journalId: change.journalId,
          subjectId: journal?.subjectId ?? null,
          activityKind: journal?.activityKind ?? null,
          date,
          slot,
          startsAt: times?.startsAt ?? null,
          endsAt: times?.endsAt ?? null,
          teacherId: lesson.teacherId ?? null,
          roomId: lesson.roomId ?? null,
        };
      };
      const at = describe(planned ?? {}, change.date, change.slot);
      const { changeId } = change;
      const data =
        change.kind === 'cancellation'
          ? { kind: 'lesson_cancelled' as const, data: { changeId, lesson: at } }
          : change.kind === 'substitution'
            ? {
                kind: 'lesson_substituted' as const,
                data: {
                  changeId,
                  lesson: {
                    ...at,
                    teacherId: change.teacherId,
                    roomId: change.roomId ?? at.roomId,
                  },
                  substituteFor: planned?.teacherId ?? null,
                },
              }
            : change.kind === 'extra'
              ? {
                  kind: 'lesson_added' as const,
                  data: { changeId, lesson: describe(change, change.date, change.slot) },
                }
              : {
                  kind: 'lesson_moved' as const,
                  data: {
                    changeId,
                    lesson: at,
                    to:
                      change.toDate && change.toSlot !== null
                        ? {
                            ...describe(planned ?? {}, change.toDate, change.toSlot),
                            teacherId: change.teacherId ?? at.teacherId,
                            roomId: change.roomId ?? at.roomId,
                          }
                        : null,
                  },
                };
      return { drafts: [{ kind: data.kind, pupilIds: pupils, data: data.data }] };
    }
    default:
      return unreachable(event);
  }
}

/** The dates from `today` to `horizonDays` after it. */
function comingDates(today: string, horizonDays: number): string[] {
  return Array.from({ length: horizonDays + 1 }, (_, index) => addDays(today, index));
}

const lessonsKey = (lessons: GroupLesson[]) =>
  JSON.stringify(
    lessons
      .map(({ journalId, slot, teacherId, roomId, subgroup }) => [
        journalId,
        slot,
        teacherId,
        roomId,
        subgroup,
      ])
      .sort((a, b) => String(a).localeCompare(String(b))),
  );

/** A journal opened late: the planned weeks of the groups whose timetable names it. */
export async function staleAfterJournalOpened(
  client: PoolClient,
  journalId: string,
): Promise<void> {
  const { rows } = await client.query<{ group_id: string }>(
    `SELECT DISTINCT group_id FROM diary.timetable_versions
     WHERE lessons @> jsonb_build_array(jsonb_build_object('journalId', $1::text))`,
    [journalId],
  );
  if (rows.length > 0) {
    await stalePlannedWeeks(client, { groups: rows.map((row) => row.group_id) });
  }
}
