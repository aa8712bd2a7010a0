import {
  AUTHZ_AUDIT,
  findGrant,
  type AuthRequest,
  type AuthzAudit,
  type Principal,
  type Role,
} from '@ejournal/auth';
import { ForbiddenProblem, NotFoundProblem } from '@ejournal/http';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { IdentityConfig } from '../config';
import { REGION_WIDE } from '../edge/access';
import { APP_POOL, IDENTITY_CONFIG } from '../infrastructure/tokens';
import { personSchools } from './person-schools';
import { Today } from './today';

const STAFF: Role[] = [
  'school_admin',
  'head',
  'deputy_head',
  'teacher',
  'class_teacher',
  'auditor',
];

/** How a caller may see a person: as region staff, as school staff, as self or as guardian. */
export interface Visibility {
  role: string;
  schoolId: string | null;
}

/**
 * Who may read whose personal data: region-wide roles everyone; school staff the people of
 * their schools today (staff, pupils enrolled, their guardians); a person themself; a
 * guardian the pupils whose link is in force and not restricted. Anything else is refused and
 * audited like the guard's refusals: 404 `IDENTITY.UNKNOWN_PERSON` when one of the people is
 * of no school the caller holds a grant in (or of none: unknown), so the answer never tells
 * whether an id exists elsewhere; 403 `IDENTITY.PERSON_OUT_OF_SCOPE` when the caller's schools
 * hold them all.
 */
@Injectable()
export class PersonVisibility {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(AUTHZ_AUDIT) private readonly audit: AuthzAudit,
    private readonly today: Today,
  ) {}

  async require(request: AuthRequest, personIds: readonly string[]): Promise<Visibility> {
    const principal = request.principal as Principal;
    const regional = findGrant(principal.grants, REGION_WIDE, {
      regionId: this.config.IDENTITY_REGION_ID,
    });
    if (regional) return { role: regional.role, schoolId: null };
    const others = personIds.filter((id) => id !== principal.subject);
    if (others.length === 0) return { role: principal.grants[0]?.role ?? 'user', schoolId: null };
    const staffSchools = new Set(
      principal.grants
        .filter((grant) => STAFF.includes(grant.role))
        .map((grant) => (grant.scope.kind === 'class' ? grant.scope.schoolId : grant.scope.id)),
    );
    const schools = await this.schoolsOf(others);
    const shared = [...staffSchools].find((school) =>
      others.every((id) => schools.get(id)?.has(school)),
    );
    if (shared)
      return {
        role: findGrant(principal.grants, STAFF, { schoolId: shared })?.role ?? 'teacher',
        schoolId: shared,
      };
    if (await this.guardsAll(principal.subject, others)) return { role: 'parent', schoolId: null };
    throw this.refuse(
      request,
      others,
      schools,
      'You may not read the data of one or more of these people',
    );
  }

  /**
   * The refusal of people the caller may not act on, audited: as unknown (404) when one of
   * them lies in no school the caller holds a grant in, else 403 PERSON_OUT_OF_SCOPE.
   */
  refuse(
    request: AuthRequest,
    personIds: readonly string[],
    schools: Map<string, Set<string>>,
    detail: string,
  ) {
    const principal = request.principal as Principal;
    const held = new Set(
      principal.grants.map(({ scope }) => (scope.kind === 'class' ? scope.schoolId : scope.id)),
    );
    const region = principal.grants.some(({ scope }) => scope.kind === 'region');
    const seen = (id: string) =>
      region || [...(schools.get(id) ?? [])].some((school) => held.has(school));
    const unseen = personIds.some((id) => !seen(id));
    const reason = 'IDENTITY.PERSON_OUT_OF_SCOPE';
    const answered = unseen ? 'IDENTITY.UNKNOWN_PERSON' : reason;
    this.audit.denied({
      subject: principal.subject,
      kind: principal.kind,
      method: request.method,
      url: request.url,
      reason,
      answered,
    });
    return unseen
      ? new NotFoundProblem(answered, 'No such person')
      : new ForbiddenProblem(reason, detail);
  }

  /** The schools each person belongs to today. */
  schoolsOf(personIds: readonly string[]): Promise<Map<string, Set<string>>> {
    return personSchools(this.pool, personIds, this.today.date());
  }

  /** Whether the guardian's links to every pupil hold today without a bar on records. */
  async guardsAll(guardianId: string, pupilIds: readonly string[]): Promise<boolean> {
    const { rows } = await this.pool.query<{ count: string }>(
      `SELECT count(DISTINCT pupil_id) AS count FROM identity.guardianships
        WHERE guardian_id = $1 AND pupil_id = ANY($2::uuid[]) AND valid_from <= $3
          AND (valid_until IS NULL OR valid_until > $3) AND NOT ('no_record_access' = ANY(restrictions))`,
      [guardianId, pupilIds, this.today.date()],
    );
    return Number(rows[0]?.count ?? 0) === new Set(pupilIds).size;
  }
}
