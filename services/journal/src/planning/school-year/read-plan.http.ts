import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { ApiProblem, ApiZodQuery, zodPipe } from '@ejournal/http';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { INVALID_REQUEST } from '../../edge/journal-request';
import { GROUP_RESOURCE } from '../../edge/journal-scope-resolver';
import { IDENTITY_FACTS, type IdentityFacts } from '../../facts/identity-facts.port';
import { PLAN_READERS } from '../edge/planning-access';
import { PlanningErrors } from '../edge/planning-errors';
import { PlanningStates } from '../reads/planning-states';
import { dayOf } from '../reads/school-day';
import { PlanningFactsLoader } from '../write/planning-facts';
import { schoolYearOf, YearParam } from '../write/school-year';
import { dayQuery } from './planning.schema';

@ApiTags('planning')
@PlanningErrors()
@Controller('schools/:schoolId/years/:year')
export class ReadPlanController {
  constructor(
    private readonly states: PlanningStates,
    private readonly planningFacts: PlanningFactsLoader,
    @Inject(IDENTITY_FACTS) private readonly facts: IdentityFacts,
  ) {}

  @Get('plan')
  @ApiProblem(412, 'PLANNING.UNKNOWN_SCHOOL')
  @RequireGrant(PLAN_READERS, scopeFrom.schoolParam())
  @ApiOperation({
    summary: 'The year planned: curriculum per group, bells per shift, timetable versions, changes',
  })
  async plan(@Param('schoolId') schoolId: string, @YearParam() year: number) {
    const place = await schoolYearOf(this.facts, schoolId, year);
    const { state, version } = await this.states.planning(schoolId, place.academicYear);
    return {
      schoolId,
      academicYear: place.academicYear,
      version,
      curriculum: state.curriculum,
      bells: state.bells,
      timetable: state.versions,
      changes: Object.values(state.changes),
    };
  }

  @Get('timetable/day')
  @ApiProblem(412, 'PLANNING.UNKNOWN_SCHOOL')
  // A class or group asked for is a target too: one of another school is answered as unknown.
  @RequireGrant(
    PLAN_READERS,
    scopeFrom.all(scopeFrom.schoolParam(), scopeFrom.queryResource(GROUP_RESOURCE, 'groupId')),
  )
  @ApiOperation({
    summary: 'A day’s lessons as planned, changes applied, with bell times (school-local)',
  })
  @ApiZodQuery(dayQuery)
  async day(
    @Param('schoolId') schoolId: string,
    @YearParam() year: number,
    @Query(zodPipe(dayQuery, INVALID_REQUEST)) query: z.infer<typeof dayQuery>,
  ) {
    const place = await schoolYearOf(this.facts, schoolId, year);
    const [{ state, version }, calendar] = await Promise.all([
      this.states.planning(schoolId, place.academicYear),
      this.planningFacts.calendar(schoolId, place.academicYear),
    ]);
    const groups = query.groupId ? [query.groupId] : undefined;
    return { date: query.date, version, lessons: dayOf(state, calendar, query.date, groups) };
  }
}
