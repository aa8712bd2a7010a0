import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL } from '../../infrastructure/tokens';

/** A pupil's guardians with names and contacts, each link marked in force on a date or not. */
@Injectable()
export class GuardiansQuery {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async ofPupil(pupilId: string, on: string) {
    const { rows } = await this.pool.query<{ guardianId: string }>(
      `SELECT g.guardian_id AS "guardianId", g.relation, to_char(g.valid_from, 'YYYY-MM-DD') AS "validFrom",
              to_char(g.valid_until, 'YYYY-MM-DD') AS "validUntil", g.restrictions,
              g.valid_from <= $2 AND (g.valid_until IS NULL OR g.valid_until > $2) AS "inForce",
              p.surname, p.given_name AS "givenName", p.patronymic, p.email, p.phone
         FROM identity.guardianships g JOIN identity.persons p ON p.person_id = g.guardian_id
        WHERE g.pupil_id = $1 ORDER BY p.surname, p.given_name, g.valid_from`,
      [pupilId, on],
    );
    return rows;
  }
}
