import { notificationRecipients, type GuardianshipRecord } from '@ejournal/identity-domain';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL } from '../../infrastructure/tokens';

/** The pupil's links and the consents given for the pupil, through the domain's consent gate. */
@Injectable()
export class RecipientsQuery {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async of(pupilId: string, on: string): Promise<string[]> {
    const links = await this.pool.query<GuardianshipRecord>(
      `SELECT guardian_id::text AS "guardianId", pupil_id::text AS "pupilId", to_char(valid_from, 'YYYY-MM-DD') AS "validFrom",
              to_char(valid_until, 'YYYY-MM-DD') AS "validUntil", restrictions FROM identity.guardianships WHERE pupil_id = $1`,
      [pupilId],
    );
    const consents = await this.pool.query(
      `SELECT grantor_id::text AS "grantorId", subject_id::text AS "subjectId", purpose, withdrawn_at IS NOT NULL AS withdrawn
         FROM identity.consents WHERE subject_id = $1`,
      [pupilId],
    );
    return notificationRecipients(pupilId, links.rows, consents.rows, on);
  }
}
