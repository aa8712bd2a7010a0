import { RequireGrant, scopeFrom, type AuthRequest, type Principal } from '@ejournal/auth';
import { ApiZodQuery, zodPipe } from '@ejournal/http';
import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ChangeGroupMembershipHandler } from '../../classes/group-members/group-members.handler';
import { SCHOOL_STAFF } from '../../edge/access';
import { dateField, INVALID_REQUEST } from '../../edge/fields';
import { AccessLog } from '../../people/access-log';
import { Today } from '../../people/today';
import { RosterQuery } from './roster-query';

const query = z.strictObject({ on: dateField.optional() });

/** Rosters name pupils, so every read is written to the access log. */
@ApiTags('enrolment')
@Controller()
export class ReadRosterController {
  constructor(
    private readonly rosters: RosterQuery,
    private readonly groups: ChangeGroupMembershipHandler,
    private readonly accessLog: AccessLog,
    private readonly today: Today,
  ) {}

  @Get('classes/:classId/roster')
  @RequireGrant(SCHOOL_STAFF, scopeFrom.classParam())
  @ApiOperation({
    summary: 'The pupils of a class on a date (today by default), in Russian alphabetical order',
  })
  @ApiZodQuery(query)
  async classRoster(
    @Req() request: AuthRequest,
    @Param('classId') classId: string,
    @Query(zodPipe(query, INVALID_REQUEST)) { on }: z.infer<typeof query>,
  ) {
    const date = on ?? this.today.date();
    const pupils = await this.rosters.ofClass(classId, date);
    await this.log(
      request,
      request.grant?.role ?? 'teacher',
      pupils,
      request.grant?.scope.kind === 'region' ? null : schoolOf(request),
    );
    return { classId, on: date, pupils };
  }

  @Get('groups/:groupId/roster')
  @RequireGrant(SCHOOL_STAFF, scopeFrom.resourceParam('group', 'groupId'))
  @ApiOperation({ summary: 'The members of an ad-hoc group on a date' })
  @ApiZodQuery(query)
  async groupRoster(
    @Req() request: AuthRequest,
    @Param('groupId') groupId: string,
    @Query(zodPipe(query, INVALID_REQUEST)) { on }: z.infer<typeof query>,
  ) {
    const { schoolId } = await this.groups.schoolOf(groupId);
    const role = request.grant?.role ?? 'unknown';
    const date = on ?? this.today.date();
    const pupils = await this.rosters.ofGroup(groupId, date);
    await this.log(request, role, pupils, schoolId);
    return { groupId, on: date, pupils };
  }

  private log(
    request: AuthRequest,
    role: string,
    pupils: { personId: string }[],
    schoolId: string | null,
  ) {
    const endpoint = `${request.method} ${request.url.split('?')[0]}`;
    return this.accessLog.record({
      principal: request.principal as Principal,
      role,
      subjects: pupils.map((p) => p.personId),
      endpoint,
      schoolId,
    });
  }
}

function schoolOf(request: AuthRequest): string | null {
  const scope = request.grant?.scope;
  return scope?.kind === 'school' ? scope.id : scope?.kind === 'class' ? scope.schoolId : null;
}
