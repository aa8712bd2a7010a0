import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { ApiProblem, ApiZodQuery, zodPipe } from '@ejournal/http';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { INTEGRITY_WATCHERS, INVALID_REQUEST, RECORD_READERS } from '../edge/access';
import { DeadlinesQuery } from './deadlines.query';

const year = z.strictObject({
  /** The school year's first calendar year: 2025 for 2025/2026 (deadline 30 June 2026). */
  year: z.coerce.number().int().min(1900).max(2199),
});

@ApiTags('deadlines')
@Controller('deadlines')
export class DeadlinesController {
  constructor(private readonly deadlines: DeadlinesQuery) {}

  @Get()
  @RequireGrant(INTEGRITY_WATCHERS)
  @ApiZodQuery(year)
  @ApiProblem(400, INVALID_REQUEST)
  @ApiOperation({
    summary:
      'Every school of the region: journals sealed, printed, signed, and what is overdue ' +
      'against 30 June (regional operator, auditor)',
  })
  region(@Query(zodPipe(year, INVALID_REQUEST)) query: z.infer<typeof year>) {
    return this.deadlines.ofRegion(query.year);
  }

  @Get('schools/:schoolId')
  @RequireGrant(RECORD_READERS, scopeFrom.schoolParam())
  @ApiZodQuery(year)
  @ApiProblem(400, INVALID_REQUEST)
  @ApiOperation({
    summary:
      'One school’s journals and summary sheets of a year: sealed, printed, signed, overdue ' +
      '(a head sees her school only)',
  })
  school(
    @Param('schoolId') schoolId: string,
    @Query(zodPipe(year, INVALID_REQUEST)) query: z.infer<typeof year>,
  ) {
    return this.deadlines.ofSchool(schoolId, query.year);
  }
}
