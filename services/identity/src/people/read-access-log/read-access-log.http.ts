import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { instant } from '@ejournal/contracts';
import { ApiZodQuery, zodPipe } from '@ejournal/http';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ACCESS_LOG_READERS } from '../../edge/access';
import { INVALID_REQUEST, personIdField } from '../../edge/fields';
import { AccessLogQuery } from './access-log-query';

const query = z.strictObject({
  subjectId: personIdField.optional(),
  from: instant.optional(),
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** Who read whose personal data, when, through which endpoint: for administrators and auditors. */
@ApiTags('people')
@Controller('schools/:schoolId/access-log')
export class ReadAccessLogController {
  constructor(private readonly accessLog: AccessLogQuery) {}

  @Get()
  @RequireGrant(
    ACCESS_LOG_READERS,
    scopeFrom.all(scopeFrom.schoolParam(), scopeFrom.queryResource('person', 'subjectId')),
  )
  @ApiOperation({ summary: 'Reads of personal data authorised through this school, newest first' })
  @ApiZodQuery(query)
  async entries(
    @Param('schoolId') schoolId: string,
    @Query(zodPipe(query, INVALID_REQUEST)) filter: z.infer<typeof query>,
  ) {
    return { schoolId, entries: await this.accessLog.entries(schoolId, filter) };
  }
}
