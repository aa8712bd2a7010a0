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
 * DO UPDATE, not DO NOTHING: a row the document writer has claimed (FOR UPDATE) makes this
 * wait until the writer commits its deletion, then insert again, so a change the writer's
 * reads missed is written by its next round. DO NOTHING would see the claimed row and lose it.
 */
export async function markStale(client: PoolClient, keys: Iterable<StaleKey>): Promise<void> {
  const unique = [...new Set(keys)].sort();
  if (unique.length === 0) return;
  await client.query(
    `INSERT INTO diary.stale_documents (document_id) SELECT unnest($1::text[])
     ON CONFLICT (document_id) DO UPDATE SET document_id = EXCLUDED.document_id`,
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
     ON CONFLICT (document_id) DO UPDATE SET document_id = EXCLUDED.document_id`,
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
     ON CONFLICT (document_id) DO UPDATE SET document_id = EXCLUDED.document_id`,
    [schoolId],
  );
}
