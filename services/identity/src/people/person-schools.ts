import type { Pool } from 'pg';

/**
 * The schools each person belongs to on a date: where they hold a school or class grant, where
 * they are enrolled, and where a pupil they are guardian of is enrolled.
 */
export async function personSchools(
  pool: Pool,
  personIds: readonly string[],
  date: string,
): Promise<Map<string, Set<string>>> {
  const { rows } = await pool.query<{ person_id: string; school_id: string }>(
    `SELECT person_id::text, coalesce(scope_school_id, scope_id) AS school_id FROM identity.grants
      WHERE person_id = ANY($1::uuid[]) AND NOT revoked AND scope_kind IN ('school', 'class')
     UNION SELECT pupil_id::text, school_id FROM identity.enrolments
      WHERE pupil_id = ANY($1::uuid[]) AND from_date <= $2 AND (to_date IS NULL OR to_date > $2)
     UNION SELECT g.guardian_id::text, e.school_id FROM identity.guardianships g
       JOIN identity.enrolments e ON e.pupil_id = g.pupil_id AND e.from_date <= $2 AND (e.to_date IS NULL OR e.to_date > $2)
      WHERE g.guardian_id = ANY($1::uuid[]) AND g.valid_from <= $2 AND (g.valid_until IS NULL OR g.valid_until > $2)`,
    [personIds, date],
  );
  const schools = new Map<string, Set<string>>();
  for (const row of rows)
    schools.set(row.person_id, (schools.get(row.person_id) ?? new Set()).add(row.school_id));
  return schools;
}
