import { versionKey } from '@ejournal/messaging';
import type { PoolClient } from 'pg';
import type { DiaryFacts } from '../facts/diary-facts';
import {
  buildMarks,
  type MarkOfYear,
  type MarksDocument,
  type SummaryOfYear,
} from './marks-document';

const MARKS = `
  SELECT m.mark_id AS "markId", m.journal_id AS "journalId", j.subject_id AS "subjectId",
    j.kind AS "activityKind", to_char(l.date, 'YYYY-MM-DD') AS date, m.value,
    m.work_type AS "workType", m.weight::float8 AS weight, m.corrected, j.school_id AS "schoolId"
  FROM diary.marks m JOIN diary.lessons l ON l.lesson_id = m.lesson_id
  JOIN diary.journals j ON j.journal_id = m.journal_id
  WHERE m.pupil_id = $1 AND j.academic_year = $2 AND NOT m.revoked AND NOT l.voided
  ORDER BY l.date, l.slot, m.mark_id`;

const SUMMARY = `SELECT subject_id AS "subjectId", kind, period, value, corrected, stream_id
  FROM diary.summary_marks WHERE pupil_id = $1 AND academic_year = $2`;

const VERSIONS = `SELECT v.stream_id, v.version, q.reason FROM diary.applied_versions v
  LEFT JOIN diary.quarantined_streams q ON q.stream_id = v.stream_id
  WHERE v.stream_id = ANY($1)`;

/** The pupil's marks document of an academic year, from the tables, under today's policy. */
export async function marksOfYear(
  client: PoolClient,
  facts: DiaryFacts,
  pupilId: string,
  academicYear: string,
  today: string,
): Promise<MarksDocument> {
  const [marks, summary] = await Promise.all([
    client.query<MarkOfYear & { schoolId: string }>(MARKS, [pupilId, academicYear]),
    client.query<SummaryOfYear & { stream_id: string }>(SUMMARY, [pupilId, academicYear]),
  ]);
  const schoolId =
    marks.rows[0]?.schoolId ?? (await facts.placeOf(pupilId, today, client))?.schoolId ?? null;
  const [averaging, periods] = schoolId
    ? await Promise.all([
        facts.averagingOn(schoolId, today, client),
        facts.periodsOf(schoolId, academicYear, client),
      ])
    : [null, []];
  const streams = [
    ...new Set([
      ...marks.rows.map((mark) => `journal-${mark.journalId}`),
      ...summary.rows.map((cell) => cell.stream_id),
    ]),
  ];
  const { rows } = await client.query<{
    stream_id: string;
    version: number;
    reason: string | null;
  }>(VERSIONS, [streams]);
  const versions: Record<string, number> = {};
  const quarantine: Record<string, string> = {};
  for (const row of rows) {
    versions[versionKey(row.stream_id)] = row.version;
    if (row.reason) quarantine[versionKey(row.stream_id)] = row.reason;
  }
  return buildMarks({
    pupilId,
    academicYear,
    averaging,
    periods,
    marks: marks.rows.map(({ schoolId: _school, ...mark }) => mark),
    summary: summary.rows.map(({ stream_id: _stream, ...cell }) => cell),
    versions,
    quarantine,
  });
}
