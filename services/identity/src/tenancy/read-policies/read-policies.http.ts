import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { ApiProblem, ApiZodQuery, NotFoundProblem, zodPipe } from '@ejournal/http';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { SCHOOL_MEMBERS } from '../../edge/access';
import { dateField, INVALID_REQUEST } from '../../edge/fields';
import { Today } from '../../people/today';
import { PolicyQuery } from './policy-query';

const query = z.strictObject({ on: dateField.optional() });

/** The rules in force and their history: every user of the school may read them (R12). */
@ApiTags('tenancy')
@Controller('schools/:schoolId/policies')
export class ReadPoliciesController {
  constructor(
    private readonly policies: PolicyQuery,
    private readonly today: Today,
  ) {}

  @Get()
  @RequireGrant(SCHOOL_MEMBERS, scopeFrom.schoolParam())
  @ApiOperation({ summary: 'Every published version of the school’s rules, newest first' })
  all(@Param('schoolId') schoolId: string) {
    return this.policies.all(schoolId);
  }

  @Get('current')
  @ApiProblem(404, 'IDENTITY.NO_POLICY')
  @RequireGrant(SCHOOL_MEMBERS, scopeFrom.schoolParam())
  @ApiOperation({ summary: 'The rules in force on a date (today by default)' })
  @ApiZodQuery(query)
  async current(
    @Param('schoolId') schoolId: string,
    @Query(zodPipe(query, INVALID_REQUEST)) { on }: z.infer<typeof query>,
  ) {
    const policy = await this.policies.inForce(schoolId, on ?? this.today.date());
    if (policy === undefined)
      throw new NotFoundProblem('IDENTITY.NO_POLICY', 'No rules are in force on that date');
    return policy;
  }
}
