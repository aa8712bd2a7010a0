import type { PoolClient } from 'pg';
import type { PlanningSources } from './planned-lessons';

type Queryable = Pick<PoolClient, 'query'>;

const DAY = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;
const rows = (cte: string) => `(SELECT COALESCE(jsonb_agg(to_jsonb(${cte})), '[]') FROM ${cte})`;

/**
 * One round trip ($1 pupil, $2 and $3 the week's first and last day): the pupil's classes and
 * groups during the week, their timetable versions effective by its end and the changes
 * touching it, the homework due in it, the bells and calendars of the versions' schools, the
 * journals they name and the planning streams' applied versions. Each part a JSON array whose
 * keys are the column names.
 */
const SOURCES = `
  WITH m AS (
    SELECT class_id AS "groupId", ${DAY('from_date')} AS "fromDate",
      ${DAY('until_date')} AS "untilDate"
    FROM diary_facts.placements
    WHERE pupil_id = $1 AND from_date <= $3::date AND (until_date IS NULL OR until_date > $2::date)
    UNION ALL
    SELECT group_id, ${DAY('from_date')}, ${DAY('until_date')} FROM diary_facts.group_memberships
    WHERE pupil_id = $1 AND from_date <= $3::date AND (until_date IS NULL OR until_date > $2::date)
  ), v AS (
    SELECT group_id AS "groupId", version_id AS "versionId",
      ${DAY('effective_from')} AS "effectiveFrom", school_id AS "schoolId",
      academic_year AS "academicYear", shift, lessons, stream_id AS "streamId"
    FROM diary.timetable_versions
    WHERE group_id IN (SELECT "groupId" FROM m) AND effective_from <= $3::date
  ), c AS (
    SELECT change_id AS "changeId", kind, group_id AS "groupId", journal_id AS "journalId",
      ${DAY('date')} AS date, slot, teacher_id AS "teacherId", room_id AS "roomId",
      ${DAY('to_date')} AS "toDate", to_slot AS "toSlot", stream_version AS "streamVersion"
    FROM diary.timetable_changes
    WHERE group_id IN (SELECT "groupId" FROM m)
      AND (date BETWEEN $2::date AND $3::date OR to_date BETWEEN $2::date AND $3::date)
  ), h AS (
    SELECT l.journal_id AS "journalId", j.subject_id AS "subjectId", l.lesson_id AS "lessonId",
      ${DAY('l.date')} AS "setOn", l.homework_text AS text, ${DAY('l.homework_due')} AS "dueDate"
    FROM diary.journals j JOIN diary.lessons l ON l.journal_id = j.journal_id
    WHERE j.group_id IN (SELECT "groupId" FROM m) AND l.homework_due BETWEEN $2::date AND $3::date
      AND NOT l.voided AND l.homework_text IS NOT NULL
  ), b AS (
    SELECT school_id AS "schoolId", academic_year AS "academicYear", shift, slots, exceptions
    FROM diary.bell_schedules WHERE school_id IN (SELECT "schoolId" FROM v)
  ), k AS (
    SELECT school_id AS "schoolId", academic_year AS "academicYear",
      ${DAY('starts_on')} AS "startsOn", ${DAY('ends_on')} AS "endsOn", periods, holidays
    FROM diary_facts.calendars WHERE school_id IN (SELECT "schoolId" FROM v)
  ), j AS (
    SELECT journal_id AS "journalId", group_id AS "groupId", subject_id AS "subjectId",
      kind AS "activityKind"
    FROM diary.journals WHERE journal_id IN (
      SELECT jsonb_array_elements(lessons)->>'journalId' FROM v
      UNION SELECT "journalId" FROM c)
  )
  SELECT ${rows('m')} AS memberships, ${rows('v')} AS versions, ${rows('c')} AS changes,
    ${rows('h')} AS "homeworkDue", ${rows('b')} AS bells, ${rows('k')} AS calendars,
    ${rows('j')} AS journals,
    (SELECT COALESCE(jsonb_object_agg(stream_id, version), '{}') FROM diary.applied_versions
     WHERE stream_id IN (SELECT "streamId" FROM v)) AS streams`;

type SourceRow = Omit<PlanningSources, 'held' | 'versions'> & {
  versions: (PlanningSources['versions'][number] & { streamId: string })[];
  streams: Record<string, number>;
};

/**
 * What the planned lessons of a pupil's week are built from: the pupil's memberships, their
 * groups' timetable versions and the changes touching the week, the bells and calendars of
 * those schools, the journals named, the lessons held (given) and the homework due in the
 * week. Also the planning streams read, with their applied versions (the document's
 * `versions`). One query: the document writer runs it for every week it writes.
 */
export async function planningSources(
  db: Queryable,
  pupilId: string,
  dates: readonly string[],
  held: PlanningSources['held'],
): Promise<{ sources: PlanningSources; streams: Record<string, number> }> {
  const { rows: found } = await db.query<SourceRow>(SOURCES, [pupilId, dates[0], dates.at(-1)]);
  const { streams, versions, ...rest } = found[0] as SourceRow;
  return {
    sources: {
      ...rest,
      versions: versions.map(({ streamId: _stream, ...version }) => version),
      held,
    },
    streams,
  };
}
