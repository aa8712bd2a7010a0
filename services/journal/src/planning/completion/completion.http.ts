import { RequireGrant, schoolsWithRole, scopeFrom } from '@ejournal/auth';
import { calendarDate } from '@ejournal/contracts';
import { ApiProblem, ApiZodQuery, ForbiddenProblem, zodPipe } from '@ejournal/http';
import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { z } from 'zod';
import { CurrentRequester, type Requester } from '../../edge/caller';
import { INVALID_REQUEST } from '../../edge/journal-request';
import { IDENTITY_FACTS, type IdentityFacts } from '../../facts/identity-facts.port';
import { APP_POOL } from '../../infrastructure/tokens';
import { COMPLETION_READERS, OVERSEERS } from '../edge/planning-access';
import { PlanningErrors } from '../edge/planning-errors';
import { academicYearOf, schoolYearOf, startYear, YearParam } from '../write/school-year';
import { completionCsv } from './completion-csv';
import { CompletionQuery, type CompletionRow } from './completion.query';
import { RegionCompletionQuery } from './region-completion.query';

const completionQuery = z.strictObject({
  /** Counted from this date when later than the year's (or the period's) start. */
  from: calendarDate.optional(),
  upTo: calendarDate.optional(),
  period: z.coerce.number().int().min(1).max(4).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
type CompletionParams = z.infer<typeof completionQuery>;
/** The overseers' summary names no school: the year is a query parameter, not a path's id. */
const overseenQuery = completionQuery.extend({ year: startYear });
type OverseenParams = z.infer<typeof overseenQuery>;

interface CsvReply {
  header(name: string, value: string): CsvReply;
  type(contentType: string): CsvReply;
}

@ApiTags('planning')
@PlanningErrors()
@Controller()
export class CompletionController {
  constructor(
    private readonly completion: CompletionQuery,
    private readonly region: RegionCompletionQuery,
    @Inject(IDENTITY_FACTS) private readonly facts: IdentityFacts,
    @Inject(APP_POOL) private readonly pool: Pool,
  ) {}

  @Get('schools/:schoolId/years/:year/completion')
  @ApiProblem(412, 'PLANNING.UNKNOWN_SCHOOL')
  @RequireGrant(COMPLETION_READERS, scopeFrom.schoolParam())
  @ApiOperation({
    summary: 'Programme completion of a school: per journal, class, teacher and the school',
    description:
      'Up to `upTo` (default today in the school’s zone), within `period` if given and from ' +
      '`from` if later than its start: hours by ' +
      'the curriculum and by the timetable, hours held, КТП topics planned and covered, ' +
      'lessons without a topic, lessons with no entry for any pupil, marks entered after the ' +
      'correction window. `format=csv` answers one CSV (`;`, UTF-8 with BOM).',
  })
  @ApiZodQuery(completionQuery)
  async school(
    @Param('schoolId') schoolId: string,
    @YearParam() year: number,
    @Query(zodPipe(completionQuery, INVALID_REQUEST)) query: CompletionParams,
    @Res({ passthrough: true }) reply: CsvReply,
  ) {
    const place = await schoolYearOf(this.facts, schoolId, year);
    const found = await this.completion.ofSchool(schoolId, place.academicYear, options(query));
    if (query.format === 'json') return found;
    return csv(reply, [found.school, ...found.classes, ...found.teachers, ...found.journals]);
  }

  @Get('completion')
  @ApiProblem(403, 'PLANNING.FORBIDDEN')
  @ApiOperation({
    summary: 'Programme completion of every school of the caller’s municipal or regional grants',
    description:
      'One row per school (and the total), as the school’s own report sums it. Schools are ' +
      'those of the caller’s municipal_operator, regional_operator or auditor grants.',
  })
  @ApiZodQuery(overseenQuery)
  async overseen(
    @Query(zodPipe(overseenQuery, INVALID_REQUEST)) query: OverseenParams,
    @CurrentRequester() requester: Requester,
    @Res({ passthrough: true }) reply: CsvReply,
  ) {
    const academicYear = academicYearOf(query.year);
    const { regions, schoolIds } = await this.schoolsOf(requester);
    const schools = await this.region.ofSchools(schoolIds, regions, academicYear, options(query));
    if (query.format === 'csv') return csv(reply, schools);
    return { academicYear, upTo: query.upTo ?? null, period: query.period ?? null, schools };
  }

  /** The schools of the caller's overseeing grants: a region's are all the schools it has. */
  private async schoolsOf(requester: Requester) {
    const { regions, schools } = schoolsWithRole(requester.grants, OVERSEERS);
    if (regions.length + schools.length === 0) {
      throw new ForbiddenProblem('PLANNING.FORBIDDEN', 'Only municipal and regional roles oversee');
    }
    const { rows } = await this.pool.query<{ school_id: string }>(
      `SELECT school_id FROM journal_facts.schools WHERE region_id = ANY($1::text[]) ORDER BY school_id`,
      [regions],
    );
    return { regions, schoolIds: [...new Set([...schools, ...rows.map((row) => row.school_id)])] };
  }
}

function options(query: CompletionParams) {
  return {
    ...(query.from ? { from: query.from } : {}),
    ...(query.upTo ? { upTo: query.upTo } : {}),
    period: query.period ?? null,
  };
}

function csv(reply: CsvReply, rows: CompletionRow[]): string {
  reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', 'attachment; filename="completion.csv"');
  return completionCsv(rows);
}
