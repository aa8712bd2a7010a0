import type { PoolClient } from 'pg';

/**
 * Read-store documents are named in `diary.stale_documents` as `week|<pupilId>|<isoWeek>` and
 * `marks|<pupilId>|<academicYear>`; the document writer builds each again from the tables.
 * Ids never contain `|` (libs/contracts' identifier).
 */
export type StaleKey = `week|${string}` | `marks|${string}`;

export const weekKey = (pupilId: string, isoWeek: string): StaleKey => `week|${pupilId}|${isoWeek}`;
export const marksKey = (pupilId: string, academicYear: string): StaleKey =>
  `marks|${pupilId}|${academicYear}`;

export function parseStaleKey(key: string) {
  const [kind, pupilId, part] = key.split('|') as [string, string, string];
  return kind === 'week'
    ? { kind: 'week' as const, pupilId, week: part, documentId: `${pupilId}|${part}` }
    : { kind: 'marks' as const, pupilId, academicYear: part, documentId: `${pupilId}|${part}` };
}

/**
 * DO UPDATE, not DO NOTHING: a document the writer has claimed gets a new generation, so the
 * writer, whose reads may have missed this change, keeps the row for its next round instead
 * of deleting it. DO NOTHING would leave the generation and lose the change.
 */
export async function markStale(client: PoolClient, keys: Iterable<StaleKey>): Promise<void> {
  const unique = [...new Set(keys)].sort();
  if (unique.length === 0) return;
  await client.query(
    `INSERT INTO diary.stale_documents (document_id) SELECT unnest($1::text[])
     ON CONFLICT (document_id) DO UPDATE SET generation = diary.stale_documents.generation + 1`,
    [unique],
  );
}

const WEEK_OF = `to_char(l.date, 'IYYY') || '-W' || to_char(l.date, 'IW')`;

/** Every week a pupil's groups (now or before) hold lessons in: who sat in them changed. */
export async function staleAfterRosterChange(client: PoolClient, pupilId: string): Promise<void> {
  await client.query(
    `INSERT INTO diary.stale_documents (document_id)
     SELECT DISTINCT 'week|' || $1 || '|' || ${WEEK_OF}
     FROM diary.journals j JOIN diary.lessons l ON l.journal_id = j.journal_id
     WHERE j.group_id IN (
       SELECT class_id FROM diary_facts.placements WHERE pupil_id = $1
       UNION SELECT group_id FROM diary_facts.group_memberships WHERE pupil_id = $1)
     ON CONFLICT (document_id) DO UPDATE SET generation = diary.stale_documents.generation + 1`,
    [pupilId],
  );
}

/** Every marks document of a school: averages follow its policy and periods its calendar. */
export async function staleAfterPolicy(client: PoolClient, schoolId: string): Promise<void> {
  await client.query(
    `INSERT INTO diary.stale_documents (document_id)
     SELECT DISTINCT 'marks|' || m.pupil_id || '|' || j.academic_year
     FROM diary.marks m JOIN diary.journals j ON j.journal_id = m.journal_id
     WHERE j.school_id = $1
     ON CONFLICT (document_id) DO UPDATE SET generation = diary.stale_documents.generation + 1`,
    [schoolId],
  );
}

/**
 * Planned weeks (issue 21): `diary.planned_weeks` holds the weeks of the planning horizon. A
 * change of what plans them marks, among those weeks, the weeks of the pupils of classes and
 * groups with a timetable. Taken shared here, exclusively by the horizon keeper while it adds
 * a week: a change and a week being added never miss each other.
 */
export const PLANNED_WEEKS_LOCK = 'ejournal.diary.planned-weeks';

const MEMBERS = `(SELECT pupil_id, class_id AS group_id, from_date, until_date
    FROM diary_facts.placements
  UNION ALL SELECT pupil_id, group_id, from_date, until_date FROM diary_facts.group_memberships)`;

/** Which timetabled groups' pupils: some groups, a school's, one pupil's, or all. */
export type PlannedScope =
  | { groups: string[]; from?: string }
  | { schoolId: string }
  | { pupilId: string }
  | { week: string };

export async function stalePlannedWeeks(client: PoolClient, scope: PlannedScope): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))', [
    PLANNED_WEEKS_LOCK,
  ]);
  if ('pupilId' in scope) {
    // Every planned week of a pupil who is or was in a class or group with a timetable: a
    // pupil who left one loses its lessons too.
    await client.query(
      `INSERT INTO diary.stale_documents (document_id)
       SELECT 'week|' || $1 || '|' || w.week FROM diary.planned_weeks w
       WHERE EXISTS (SELECT 1 FROM ${MEMBERS} m WHERE m.pupil_id = $1
         AND m.group_id IN (SELECT group_id FROM diary.timetable_versions))
       ON CONFLICT (document_id) DO UPDATE SET generation = diary.stale_documents.generation + 1`,
      [scope.pupilId],
    );
    return;
  }
  const [where, parameters] =
    'groups' in scope
      ? [
          `m.group_id = ANY($1) AND w.ends_on >= COALESCE($2::date, w.ends_on)`,
          [scope.groups, scope.from ?? null],
        ]
      : 'schoolId' in scope
        ? [
            'm.group_id IN (SELECT group_id FROM diary.timetable_versions WHERE school_id = $1)',
            [scope.schoolId],
          ]
        : [
            'w.week = $1 AND m.group_id IN (SELECT group_id FROM diary.timetable_versions)',
            [scope.week],
          ];
  await client.query(
    `INSERT INTO diary.stale_documents (document_id)
     SELECT DISTINCT 'week|' || m.pupil_id || '|' || w.week
     FROM diary.planned_weeks w JOIN ${MEMBERS} m
       ON m.from_date <= w.ends_on AND (m.until_date IS NULL OR m.until_date > w.starts_on)
     WHERE ${where}
     ON CONFLICT (document_id) DO UPDATE SET generation = diary.stale_documents.generation + 1`,
    parameters,
  );
}

/** The weeks of some dates of a group's pupils (a one-off change), in the horizon or not. */
export async function staleWeeksOfGroup(
  client: PoolClient,
  groupId: string,
  dates: string[],
): Promise<void> {
  await client.query(
    `INSERT INTO diary.stale_documents (document_id)
     SELECT DISTINCT 'week|' || m.pupil_id || '|' || to_char(d.date, 'IYYY') || '-W' ||
       to_char(d.date, 'IW')
     FROM unnest($2::date[]) AS d(date) JOIN ${MEMBERS} m
       ON m.group_id = $1 AND m.from_date <= d.date AND (m.until_date IS NULL OR m.until_date > d.date)
     ON CONFLICT (document_id) DO UPDATE SET generation = diary.stale_documents.generation + 1`,
    [groupId, dates],
  );
}
