import type { AuthRequest, Principal } from '@ejournal/auth';
import { Controller, Get, Inject, Param, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { INVALID_REQUEST, personIdField } from '../../edge/fields';
import { ApiProblem, zodPipe } from '@ejournal/http';
import { APP_POOL } from '../../infrastructure/tokens';
import { AccessLog } from '../../people/access-log';
import { PersonVisibility } from '../../people/person-visibility';
import { Today } from '../../people/today';

/** A pupil's guardians with names and contacts: read by staff, the pupil, its guardians. */
@ApiTags('guardianship')
@Controller('pupils/:pupilId/guardians')
export class ReadGuardiansController {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    private readonly visibility: PersonVisibility,
    private readonly accessLog: AccessLog,
    private readonly today: Today,
  ) {}

  @Get()
  @ApiProblem(403, 'IDENTITY.PERSON_OUT_OF_SCOPE')
  @ApiOperation({ summary: "A pupil's guardians: links (in force or not), names and contacts" })
  async guardians(
    @Req() request: AuthRequest,
    @Param('pupilId', zodPipe(personIdField, INVALID_REQUEST)) pupilId: string,
  ) {
    const seen = await this.visibility.require(request, [pupilId]);
    const { rows } = await this.pool.query<{ guardianId: string }>(
      `SELECT g.guardian_id AS "guardianId", g.relation, to_char(g.valid_from, 'YYYY-MM-DD') AS "validFrom",
              to_char(g.valid_until, 'YYYY-MM-DD') AS "validUntil", g.restrictions,
              g.valid_from <= $2 AND (g.valid_until IS NULL OR g.valid_until > $2) AS "inForce",
              p.surname, p.given_name AS "givenName", p.patronymic, p.email, p.phone
         FROM identity.guardianships g JOIN identity.persons p ON p.person_id = g.guardian_id
        WHERE g.pupil_id = $1 ORDER BY p.surname, p.given_name, g.valid_from`,
      [pupilId, this.today.date()],
    );
    const endpoint = `GET ${request.url.split('?')[0]}`;
    await this.accessLog.record({
      principal: request.principal as Principal,
      role: seen.role,
      subjects: rows.map((row) => row.guardianId),
      endpoint,
      schoolId: seen.schoolId,
    });
    return { pupilId, guardians: rows };
  }
}
