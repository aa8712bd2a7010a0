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
