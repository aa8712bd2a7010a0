import { RequireGrant, scopeFrom, type AuthRequest, type Principal } from '@ejournal/auth';
import { ApiZodBody, ForbiddenProblem, zodPipe } from '@ejournal/http';
import { Body, Controller, Header, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { z } from 'zod';
import { SCHOOL_MANAGERS } from '../../edge/access';
import { INVALID_REQUEST, personIdField } from '../../edge/fields';
import { APP_POOL } from '../../infrastructure/tokens';
import { PersonVisibility } from '../../people/person-visibility';
import { OneTimeCodes } from '../one-time-codes';

const body = z.strictObject({ personIds: z.array(personIdField).min(1).max(2000) });

/**
 * Codes the school prints and hands out: activation for accounts still pending, password
 * reset for active ones. Shown once; only their hashes are kept.
 */
@ApiTags('accounts')
@Controller('schools/:schoolId')
export class IssueCodesController {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    private readonly codes: OneTimeCodes,
    private readonly visibility: PersonVisibility,
  ) {}

  @Post('activation-codes')
  @RequireGrant(SCHOOL_MANAGERS, scopeFrom.schoolParam())
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'One-time activation codes for pending accounts of people of the school',
  })
  @ApiZodBody(body)
  activation(
    @Req() request: AuthRequest,
    @Param('schoolId') schoolId: string,
    @Body(zodPipe(body, INVALID_REQUEST)) { personIds }: z.infer<typeof body>,
  ) {
    return this.issue(request, schoolId, personIds, 'activation');
  }

  @Post('password-reset-codes')
  @RequireGrant(SCHOOL_MANAGERS, scopeFrom.schoolParam())
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'One-time password reset codes for active accounts of people of the school',
  })
  @ApiZodBody(body)
  reset(
    @Req() request: AuthRequest,
    @Param('schoolId') schoolId: string,
    @Body(zodPipe(body, INVALID_REQUEST)) { personIds }: z.infer<typeof body>,
  ) {
    return this.issue(request, schoolId, personIds, 'password_reset');
  }

  private async issue(
    request: AuthRequest,
    schoolId: string,
    personIds: string[],
    purpose: 'activation' | 'password_reset',
  ) {
    // Up to 2,000 people: one query checks that each belongs to the path's school.
    const schools = await this.visibility.schoolsOf(personIds);
    if (personIds.some((id) => !schools.get(id)?.has(schoolId))) {
      throw new ForbiddenProblem(
        'IDENTITY.PERSON_OUT_OF_SCOPE',
        'Codes are issued only for people of this school',
      );
    }
    const status = purpose === 'activation' ? 'pending' : 'active';
    const { rows } = await this.pool.query<{ person_id: string }>(
      'SELECT person_id FROM identity.accounts WHERE person_id = ANY($1::uuid[]) AND status = $2',
      [personIds, status],
    );
    const createdBy = (request.principal as Principal).subject;
    const codes = [];
    for (const { person_id } of rows)
      codes.push(await this.codes.issue(this.pool, person_id, purpose, createdBy));
    const skipped = personIds.filter((id) => !rows.some((row) => row.person_id === id));
    return { codes, skipped };
  }
}
