import type { PoolClient } from 'pg';
import type { WeekSources } from './week-document';

// The pupil's classes and groups on any day of the week, then the lessons of their journals
// on the days the pupil was in them, and any lesson where the pupil has an entry.
const LESSONS = `
  WITH memberships AS (
    SELECT class_id AS group_id, from_date, until_date FROM diary_facts.placements
    WHERE pupil_id = $1 AND from_date <= $3::date AND (until_date IS NULL OR until_date > $2::date)
    UNION ALL
    SELECT group_id, from_date, until_date FROM diary_facts.group_memberships
    WHERE pupil_id = $1 AND from_date <= $3::date AND (until_date IS NULL OR until_date > $2::date)
  ), candidates AS (
    SELECT l.lesson_id FROM memberships g
    JOIN diary.journals j ON j.group_id = g.group_id
    JOIN diary.lessons l ON l.journal_id = j.journal_id AND l.date BETWEEN $2::date AND $3::date
      AND l.date >= g.from_date AND (g.until_date IS NULL OR l.date < g.until_date)
    UNION SELECT lesson_id FROM diary.marks WHERE pupil_id = $1
    UNION SELECT lesson_id FROM diary.attendance WHERE pupil_id = $1
  )
  SELECT l.lesson_id AS "lessonId", l.journal_id AS "journalId", j.kind AS "activityKind",
    j.subject_id AS "subjectId", l.slot, l.topic, l.edited,
    CASE WHEN l.homework_text IS NULL THEN NULL ELSE jsonb_build_object(
      'text', l.homework_text, 'dueDate', to_char(l.homework_due, 'YYYY-MM-DD')) END AS homework,
    to_char(l.date, 'YYYY-MM-DD') AS date, COALESCE(v.version, 0) AS "streamVersion",
    q.reason AS quarantined
  FROM candidates c JOIN diary.lessons l ON l.lesson_id = c.lesson_id
  JOIN diary.journals j ON j.journal_id = l.journal_id
  LEFT JOIN diary.applied_versions v ON v.stream_id = 'journal-' || l.journal_id
  LEFT JOIN diary.quarantined_streams q ON q.stream_id = 'journal-' || l.journal_id
  WHERE l.date BETWEEN $2::date AND $3::date AND NOT l.voided`;

export async function weekSources(
  client: PoolClient,
  pupilId: string,
  dates: string[],
): Promise<WeekSources> {
  const { rows: lessons } = await client.query<WeekSources['lessons'][number]>(LESSONS, [
    pupilId,
    dates[0],
    dates.at(-1),
  ]);
  const ids = lessons.map((lesson) => lesson.lessonId);
  const [marks, attendance] = await Promise.all([
    client.query<WeekSources['marks'][number]>(
      `SELECT lesson_id AS "lessonId", mark_id AS "markId", value, work_type AS "workType",
         weight::float8 AS weight, corrected
       FROM diary.marks WHERE pupil_id = $1 AND lesson_id = ANY($2) AND NOT revoked
       ORDER BY mark_id`,
      [pupilId, ids],
    ),
    client.query<WeekSources['attendance'][number]>(
      `SELECT lesson_id AS "lessonId", status, corrected FROM diary.attendance
       WHERE pupil_id = $1 AND lesson_id = ANY($2) AND status <> 'present'`,
      [pupilId, ids],
    ),
  ]);
  return { lessons, marks: marks.rows, attendance: attendance.rows };
}
