import type { Pool, PoolClient } from 'pg';
import type { FactsSchema } from './facts-schema';

type Queryable = Pick<Pool | PoolClient, 'query'>;

// Half-open [from_date, until_date): on `date` means from_date <= date < until_date.
const HOLDS_ON = 'from_date <= $2::date AND (until_date IS NULL OR until_date > $2::date)';
// Any day of [$2, $3]: the interval starts by the last day and ends after the first.
const HOLDS_DURING =
  'from_date <= $3::date AND (until_date IS NULL OR until_date > $2::date) AND $2::date <= $3::date';

/** A class's pupils (placements) and an ad-hoc group's (memberships), one id or the other. */
const membersWhere = (s: FactsSchema, condition: string) => `
  SELECT pupil_id FROM ${s}.placements WHERE class_id = $1 AND ${condition}
  UNION
  SELECT pupil_id FROM ${s}.group_memberships WHERE group_id = $1 AND ${condition}
  ORDER BY pupil_id`;

/** Pupils in a class or group on a date (half-open intervals), sorted by id. */
export async function membersOn(
  db: Queryable,
  schema: FactsSchema,
  groupId: string,
  date: string,
): Promise<string[]> {
  const { rows } = await db.query<{ pupil_id: string }>(membersWhere(schema, HOLDS_ON), [
    groupId,
    date,
  ]);
  return rows.map((row) => row.pupil_id);
}

/** Pupils who were in the class or group on any day of a range, sorted by id. */
export async function membersDuring(
  db: Queryable,
  schema: FactsSchema,
  groupId: string,
  startsOn: string,
  endsOn: string,
): Promise<string[]> {
  const { rows } = await db.query<{ pupil_id: string }>(membersWhere(schema, HOLDS_DURING), [
    groupId,
    startsOn,
    endsOn,
  ]);
  return rows.map((row) => row.pupil_id);
}

/** The class (and school) a pupil was in on a date. */
export async function classOf(
  db: Queryable,
  schema: FactsSchema,
  pupilId: string,
  date: string,
): Promise<{ schoolId: string; classId: string } | null> {
  const { rows } = await db.query<{ schoolId: string; classId: string }>(
    `SELECT school_id AS "schoolId", class_id AS "classId" FROM ${schema}.placements
     WHERE pupil_id = $1 AND ${HOLDS_ON}
     ORDER BY opened_by DESC LIMIT 1`,
    [pupilId, date],
  );
  return rows[0] ?? null;
}
