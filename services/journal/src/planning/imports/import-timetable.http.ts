import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { calendarDate } from '@ejournal/contracts';
import { INVALID_REQUEST } from '../../edge/journal-request';
import { CommandRequest, type Request } from '../../edge/request.decorator';
import { IDENTITY_FACTS, type IdentityFacts } from '../../facts/identity-facts.port';
import { PLANNERS } from '../edge/planning-access';
import { PlanningErrors, PlanningImport } from '../edge/planning-errors';
import { identifier } from '../school-year/planning.schema';
import { schoolYearOf, YearParam } from '../write/school-year';
import { TimetableImporter } from './timetable-importer';

const ids = z.record(z.string().max(128), identifier).optional();
const importBody = z.strictObject({
  format: z.enum(['csv', 'asc-xml']),
  /** The file's text: CSV (`;` or `,`) or the aSc Timetables XML export. */
  content: z.string().min(1).max(900_000),
  effectiveFrom: calendarDate,
  shift: z.number().int().min(1).max(3).default(1),
  mapping: z
    .strictObject({ classes: ids, teachers: ids, subjects: ids, classrooms: ids, lessons: ids })
    .default({}),
  dryRun: z.boolean().default(false),
});

@ApiTags('planning')
@PlanningErrors()
@Controller('schools/:schoolId/years/:year/timetable/imports')
export class ImportTimetableController {
  constructor(
    private readonly importer: TimetableImporter,
    @Inject(IDENTITY_FACTS) private readonly facts: IdentityFacts,
  ) {}

  @Post()
  @HttpCode(200)
  @PlanningImport(
    'PLANNING.UNKNOWN_SCHOOL',
    'PLANNING.NO_CALENDAR',
    'PLANNING.UNKNOWN_GROUP',
    'PLANNING.DATE_OUTSIDE_YEAR',
  )
  @RequireGrant(PLANNERS, scopeFrom.schoolParam())
  @ApiOperation({
    summary: 'Imports the timetable from CSV or the aSc Timetables XML export, with a dry run',
    description:
      'One version per class or group from `effectiveFrom`, all in one append. aSc ids map to ' +
      'the platform’s by `mapping` (aSc id or short name → id), else by `partner_id`; a ' +
      'lesson’s journal is its `partner_id`, `mapping.lessons`, or the one journal of the ' +
      'class and subject. Any fault refuses the whole file (422 PLANNING.IMPORT_REFUSED with ' +
      '`issues`, `conflicts` and `rows`); `dryRun` reports each row’s effect (add, change, ' +
      'same, remove) without recording anything.',
  })
  @ApiZodBody(importBody)
  async import(
    @Param('schoolId') schoolId: string,
    @YearParam() year: number,
    @Body(zodPipe(importBody, INVALID_REQUEST)) body: z.infer<typeof importBody>,
    @CommandRequest() request: Request,
  ) {
    const place = await schoolYearOf(this.facts, schoolId, year);
    return this.importer.import(place, body, request);
  }
}
