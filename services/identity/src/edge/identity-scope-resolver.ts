import { notFound, type ScopeResolver, type ScopeTarget, type UnseenAnswers } from '@ejournal/auth';
import { SCHOOL_GRANTABLE_ROLES } from '@ejournal/identity-domain';
import type { Pool } from 'pg';
import { placementOn } from '../guardianship/pupil-school';
import { personSchools } from '../people/person-schools';

/** Where a thing lies: its school, the class when it has one, further schools of a person. */
interface Place {
  schoolId: string;
  classId?: string;
  alsoInSchools?: string[];
}

type Placer = (pool: Pool, id: string, today: string) => Promise<Place | null>;

const firstRow = async (pool: Pool, sql: string, values: unknown[]) =>
  (await pool.query<{ school_id: string; class_id?: string }>(sql, values)).rows[0] ?? null;

const placeOfRow = (row: { school_id: string; class_id?: string } | null): Place | null =>
  row ? { schoolId: row.school_id, ...(row.class_id ? { classId: row.class_id } : {}) } : null;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The school (and class) a pupil is enrolled in today. */
const pupil: Placer = (pool, id, today) => placementOn(pool, id, today);

/** The schools a person belongs to today (staff, pupil, guardian of a pupil). */
const person: Placer = async (pool, id, today) => {
  const [schoolId, ...alsoInSchools] = [
    ...((await personSchools(pool, [id], today)).get(id) ?? []),
  ];
  return schoolId ? { schoolId, alsoInSchools } : null;
};

/**
 * Who may place a pupil: after a release, the destination (else the releasing school); while
 * enrolled, the pupil's school; otherwise the schools that registered the person.
 */
const pupilPlacement: Placer = async (pool, id, today) => {
  const released = await firstRow(
    pool,
    'SELECT coalesce(to_school_id, from_school_id) AS school_id FROM identity.pupil_releases WHERE pupil_id = $1',
    [id],
  );
  if (released) return placeOfRow(released);
  const enrolled = await pupil(pool, id, today);
  if (enrolled) return enrolled;
  return registered(pool, 'pupil', id, today);
};

/** The schools a person belongs to today, and those whose roster import registered them. */
async function registered(pool: Pool, kind: string, id: string, today: string) {
  const { rows } = await pool.query<{ school_id: string }>(
    'SELECT school_id FROM identity.external_keys WHERE kind = $1 AND target_id = $2',
    [kind, id],
  );
  const belongs = (await personSchools(pool, [id], today)).get(id) ?? new Set<string>();
  const [schoolId, ...alsoInSchools] = [
    ...new Set([...belongs, ...rows.map((row) => row.school_id)]),
  ];
  return schoolId ? { schoolId, alsoInSchools } : null;
}

const PLACERS: Record<string, Placer> = {
  pupil: (pool, id, today) => (UUID.test(id) ? pupil(pool, id, today) : Promise.resolve(null)),
  person: (pool, id, today) => (UUID.test(id) ? person(pool, id, today) : Promise.resolve(null)),
  guardian: (pool, id, today) =>
    UUID.test(id) ? registered(pool, 'guardian', id, today) : Promise.resolve(null),
  'pupil-placement': (pool, id, today) =>
    UUID.test(id) ? pupilPlacement(pool, id, today) : Promise.resolve(null),
  group: async (pool, id) =>
    placeOfRow(
      await firstRow(
        pool,
        `SELECT school_id FROM identity.groups WHERE group_id = $1
         UNION ALL SELECT school_id FROM identity.classes WHERE class_id = $1`,
        [id],
      ),
    ),
  /** A grant lies in its school only when a school may grant its role. */
  grant: async (pool, id) =>
    placeOfRow(
      await firstRow(
        pool,
        `SELECT scope_school_id AS school_id FROM identity.grants
          WHERE grant_id = $1 AND scope_school_id IS NOT NULL AND role = ANY($2::text[])`,
        [id, SCHOOL_GRANTABLE_ROLES],
      ),
    ),
};

const UNKNOWN_PERSON = notFound('IDENTITY.UNKNOWN_PERSON', 'No such person');

/**
 * How identity answers an id it does not know, by kind; the guard answers an id of a school
 * the caller holds nothing in the same way (`AuthModule`'s `unseen`).
 */
export const IDENTITY_UNSEEN: UnseenAnswers = {
  school: notFound('IDENTITY.UNKNOWN_SCHOOL', 'No such school'),
  class: notFound('IDENTITY.UNKNOWN_CLASS', 'No such class'),
  group: notFound('IDENTITY.UNKNOWN_GROUP', 'No such group'),
  grant: notFound('IDENTITY.UNKNOWN_GRANT', 'No such grant in force'),
  pupil: UNKNOWN_PERSON,
  person: UNKNOWN_PERSON,
  guardian: UNKNOWN_PERSON,
  'pupil-placement': UNKNOWN_PERSON,
};

/**
 * Completes a route's targets from identity's read models: a class's school, and where a
 * pupil, person, group or grant named by an id lies. An unknown id, or a kind nobody taught
 * it, stays unplaced: only region-wide grants cover it, and others are answered as
 * `IDENTITY_UNSEEN` says for its kind.
 */
export function identityScopeResolver(
  pool: Pool,
  regionId: string,
  today: () => string,
): ScopeResolver {
  return {
    async complete(target: ScopeTarget): Promise<ScopeTarget> {
      if (target.resource) {
        const placer = PLACERS[target.resource.kind];
        const place = placer ? await placer(pool, target.resource.id, today()) : null;
        return { regionId, ...target, ...(place ?? {}) };
      }
      if (!target.classId || target.schoolId) return { regionId, ...target };
      const { rows } = await pool.query<{ school_id: string }>(
        'SELECT school_id FROM identity.classes WHERE class_id = $1',
        [target.classId],
      );
      return { regionId, ...target, ...(rows[0] ? { schoolId: rows[0].school_id } : {}) };
    },
  };
}
