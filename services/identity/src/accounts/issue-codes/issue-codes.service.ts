import type { AuthRequest } from '@ejournal/auth';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL } from '../../infrastructure/tokens';
import { PersonVisibility } from '../../people/person-visibility';
import { OneTimeCodes, type CodePurpose } from '../one-time-codes';

const STATUS_OF: Record<CodePurpose, 'pending' | 'active'> = {
  activation: 'pending',
  password_reset: 'active',
};

/** Codes for the people of a school whose accounts await them; the others are skipped. */
@Injectable()
export class IssueCodesService {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    private readonly codes: OneTimeCodes,
    private readonly visibility: PersonVisibility,
  ) {}

  async issue(
    request: AuthRequest,
    schoolId: string,
    personIds: string[],
    purpose: CodePurpose,
    createdBy: string,
  ) {
    // Up to 2,000 people: one query checks that each belongs to the path's school.
    const schools = await this.visibility.schoolsOf(personIds);
    const elsewhere = personIds.filter((id) => !schools.get(id)?.has(schoolId));
    if (elsewhere.length > 0) {
      const detail = 'Codes are issued only for people of this school';
      throw this.visibility.refuse(request, elsewhere, schools, detail);
    }
    const { rows } = await this.pool.query<{ person_id: string }>(
      'SELECT person_id FROM identity.accounts WHERE person_id = ANY($1::uuid[]) AND status = $2',
      [personIds, STATUS_OF[purpose]],
    );
    const codes = [];
    for (const { person_id } of rows)
      codes.push(await this.codes.issue(this.pool, person_id, purpose, createdBy));
    const skipped = personIds.filter((id) => !rows.some((row) => row.person_id === id));
    return { codes, skipped };
  }
}
