import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { notificationRecipients, type GuardianshipRecord } from '@ejournal/identity-domain';
import { ApiZodQuery, zodPipe } from '@ejournal/http';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { z } from 'zod';
import { SCHOOL_STAFF } from '../../edge/access';
import { dateField, INVALID_REQUEST, personIdField } from '../../edge/fields';
import { APP_POOL } from '../../infrastructure/tokens';
import { Today } from '../../people/today';

const query = z.strictObject({ on: dateField.optional() });

/**
 * The consent gate (152-FZ): the guardians the diary may notify about a pupil, ids only.
 * A guardian without a consent to diary notifications is never in the list.
 */
@ApiTags('consent')
@Controller('pupils/:pupilId/notification-recipients')
export class NotificationRecipientsController {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    private readonly today: Today,
  ) {}

  @Get()
  @RequireGrant(['service', ...SCHOOL_STAFF], scopeFrom.resourceParam('pupil', 'pupilId'))
  @ApiOperation({
    summary:
      'Guardians the diary may notify about the pupil on a date: linked, unrestricted, consenting',
  })
  @ApiZodQuery(query)
  async recipients(
    @Param('pupilId', zodPipe(personIdField, INVALID_REQUEST)) pupilId: string,
    @Query(zodPipe(query, INVALID_REQUEST)) { on }: z.infer<typeof query>,
  ) {
    const date = on ?? this.today.date();
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
    return {
      pupilId,
      on: date,
      guardianIds: notificationRecipients(pupilId, links.rows, consents.rows, date),
    };
  }
}
