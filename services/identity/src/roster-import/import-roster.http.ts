import { RequireGrant, scopeFrom, type AuthRequest, type Principal } from '@ejournal/auth';
import { ApiProblem, ApiZodQuery, ValidationProblem, zodPipe } from '@ejournal/http';
import { Body, Controller, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { SCHOOL_MANAGERS } from '../edge/access';
import { Context, type EventContext } from '../edge/event-context';
import { academicYearField, INVALID_REQUEST } from '../edge/fields';
import { RosterImporter } from './roster-importer';
import { IdentityCommand } from '../edge/idempotent-replies';

const query = z.strictObject({
  academicYear: academicYearField.optional(),
  encoding: z.enum(['utf-8', 'windows-1251']).optional(),
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

@ApiTags('roster import')
@Controller('schools/:schoolId/roster-imports')
export class ImportRosterController {
  constructor(private readonly importer: RosterImporter) {}

  @Post()
  @IdentityCommand()
  @ApiProblem(
    400,
    'IDENTITY.IMPORT_CONTENT_TYPE',
    'IDENTITY.IMPORT_EMPTY',
    'IDENTITY.IMPORT_ENCODING',
    'IDENTITY.IMPORT_HEADER',
    'IDENTITY.IMPORT_MALFORMED_CSV',
  )
  @ApiProblem(404, 'IDENTITY.UNKNOWN_SCHOOL')
  @ApiProblem(409, 'IDENTITY.IMPORT_CONFLICT')
  @ApiProblem(422, 'IDENTITY.IMPORT_REJECTED', 'IDENTITY.IMPORT_TOO_LARGE', 'IDENTITY.NO_CALENDAR')
  @HttpCode(200)
  @RequireGrant(SCHOOL_MANAGERS, scopeFrom.schoolParam())
  @ApiOperation({
    summary:
      'Imports classes, pupils, guardians and staff from a CSV (UTF-8 or Windows-1251, ; or ,)',
    description:
      'Every row is validated and every command decided first; any error applies nothing (422 with a per-row report). Re-importing a file changes nothing.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiZodQuery(query)
  import(
    @Req() request: AuthRequest,
    @Param('schoolId') schoolId: string,
    @Body() bytes: unknown,
    @Query(zodPipe(query, INVALID_REQUEST)) q: z.infer<typeof query>,
    @Context() context: EventContext,
  ) {
    if (!Buffer.isBuffer(bytes))
      throw new ValidationProblem('IDENTITY.IMPORT_CONTENT_TYPE', 'Send the file as text/csv');
    return this.importer.import({
      schoolId,
      bytes,
      ...q,
      principal: request.principal as Principal,
      context,
    });
  }
}
