import { newEventId } from '@ejournal/contracts';
import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, Inject, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { rolesOver } from '../../edge/caller';
import { INVALID_REQUEST } from '../../edge/journal-request';
import { CommandRequest, type Request } from '../../edge/request.decorator';
import { IDENTITY_FACTS, type IdentityFacts } from '../../facts/identity-facts.port';
import { refusePlanning } from '../domain/planning.errors';
import { PLANNERS, SUBSTITUTERS } from '../edge/planning-access';
import { PlanningCommand, PlanningErrors } from '../edge/planning-errors';
import { PlanningCommands } from '../write/planning-commands';
import { schoolYearOf, YearParam } from '../write/school-year';
import { bellsBody, changeBody, curriculumBody, timetableBody } from './planning.schema';

const CONFLICTS = ['PLANNING.TIMETABLE_CONFLICTS'];
const PLACE = ['PLANNING.UNKNOWN_SCHOOL', 'PLANNING.NO_CALENDAR', 'PLANNING.UNKNOWN_GROUP'];

@ApiTags('planning')
@PlanningErrors()
@Controller('schools/:schoolId/years/:year')
export class SetPlanController {
  constructor(
    private readonly commands: PlanningCommands,
    @Inject(IDENTITY_FACTS) private readonly facts: IdentityFacts,
  ) {}

  @Post('curriculum')
  @PlanningCommand('PLANNING.UNKNOWN_SCHOOL', 'PLANNING.UNKNOWN_GROUP', 'PLANNING.INVALID_PLAN')
  @RequireGrant(PLANNERS, scopeFrom.schoolParam())
  @ApiOperation({
    summary: 'Sets a class’s or group’s curriculum plan (учебный план) for the year',
    description:
      'Subjects and activities with weekly hours, by period where they differ, and the number ' +
      'of subgroups. Replaces the group’s earlier plan; completion is measured against it.',
  })
  @ApiZodBody(curriculumBody)
  async curriculum(
    @Param('schoolId') schoolId: string,
    @YearParam() year: number,
    @Body(zodPipe(curriculumBody, INVALID_REQUEST)) body: z.infer<typeof curriculumBody>,
    @CommandRequest() request: Request,
  ) {
    const place = await schoolYearOf(this.facts, schoolId, year);
    return this.commands.execute(place, { type: 'SetCurriculum', ...body }, request);
  }

  @Post('bells')
  @PlanningCommand('PLANNING.UNKNOWN_SCHOOL', 'PLANNING.INVALID_BELLS')
  @RequireGrant(PLANNERS, scopeFrom.schoolParam())
  @ApiOperation({
    summary: 'Sets a shift’s bells (звонки) in the school’s local time, with shortened days',
  })
  @ApiZodBody(bellsBody)
  async bells(
    @Param('schoolId') schoolId: string,
    @YearParam() year: number,
    @Body(zodPipe(bellsBody, INVALID_REQUEST)) body: z.infer<typeof bellsBody>,
    @CommandRequest() request: Request,
  ) {
    const place = await schoolYearOf(this.facts, schoolId, year);
    return this.commands.execute(place, { type: 'SetBells', ...body }, request);
  }

  @Post('timetable')
  @PlanningCommand(...PLACE, 'PLANNING.DATE_OUTSIDE_YEAR', ...CONFLICTS)
  @RequireGrant(PLANNERS, scopeFrom.schoolParam())
  @ApiOperation({
    summary: 'Sets a class’s or group’s weekly timetable from a date (a new version)',
    description:
      'Day × slot → journal, teacher, room (and subgroup). In force until the group’s next ' +
      'version. Refused (422 PLANNING.TIMETABLE_CONFLICTS) listing every conflict under ' +
      '`entries`: PLANNING.TEACHER_BUSY, ROOM_BUSY, CLASS_SLOT_TAKEN, UNKNOWN_JOURNAL, ' +
      'UNKNOWN_TEACHER, SLOT_WITHOUT_BELL. Weekly hours differing from the curriculum are ' +
      '`warnings` of the answer, not refusals.',
  })
  @ApiZodBody(timetableBody)
  async timetable(
    @Param('schoolId') schoolId: string,
    @YearParam() year: number,
    @Body(zodPipe(timetableBody, INVALID_REQUEST)) body: z.infer<typeof timetableBody>,
    @CommandRequest() request: Request,
  ) {
    const place = await schoolYearOf(this.facts, schoolId, year);
    const versionId = body.versionId ?? `${body.groupId}-${body.effectiveFrom}`;
    return this.commands.execute(place, { type: 'SetTimetable', ...body, versionId }, request);
  }

  @Post('timetable/changes')
  @PlanningCommand(
    ...PLACE,
    'PLANNING.FORBIDDEN',
    'PLANNING.DATE_OUTSIDE_YEAR',
    'PLANNING.NOT_A_SCHOOL_DAY',
    'PLANNING.INVALID_CHANGE',
    'PLANNING.NO_LESSON_PLANNED',
    'PLANNING.CHANGE_EXISTS',
    ...CONFLICTS,
    'JOURNAL.FORBIDDEN',
  )
  @RequireGrant(PLANNERS, scopeFrom.schoolParam())
  @ApiOperation({
    summary: 'A one-off change on a date: substitution, cancellation, moved or extra lesson',
    description:
      'A substitution (head or deputy head) also names the substitute on the journal for that ' +
      'lesson only (`SubstituteAssigned`). Conflicts where the change puts a teacher, room or ' +
      'the class are listed under `entries`.',
  })
  @ApiZodBody(changeBody)
  async change(
    @Param('schoolId') schoolId: string,
    @YearParam() year: number,
    @Body(zodPipe(changeBody, INVALID_REQUEST)) body: z.infer<typeof changeBody>,
    @CommandRequest() request: Request,
  ) {
    const place = await schoolYearOf(this.facts, schoolId, year);
    const command = {
      type: 'ChangeTimetable' as const,
      ...body,
      changeId: body.changeId ?? newEventId(),
    };
    if (command.kind !== 'substitution') return this.commands.execute(place, command, request);
    const roles = rolesOver(request.requester.grants, place);
    if (!roles.some((role) => (SUBSTITUTERS as string[]).includes(role))) {
      throw refusePlanning.forbidden(
        'PLANNING.FORBIDDEN',
        'Only a head or deputy head substitutes',
      );
    }
    return this.commands.substitute(place, command, request);
  }
}
