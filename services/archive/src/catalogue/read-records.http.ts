import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { ApiProblem, ApiZodQuery, NotFoundProblem, zodPipe } from '@ejournal/http';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { INVALID_REQUEST, RECORD_READERS } from '../edge/access';
import { RECORD_RESOURCE } from '../edge/archive-scope-resolver';
import { RecordsQuery } from './records.query';

const schoolYear = z.strictObject({
  schoolId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'must be an id'),
  /** The school year's first calendar year: 2026 for 2026/2027. */
  year: z.coerce.number().int().min(1900).max(2199),
});

@ApiTags('records')
@Controller('records')
export class ReadRecordsController {
  constructor(private readonly records: RecordsQuery) {}

  @Get()
  @RequireGrant(RECORD_READERS, scopeFrom.schoolQuery())
  @ApiZodQuery(schoolYear)
  @ApiProblem(400, INVALID_REQUEST)
  @ApiOperation({ summary: 'A school’s records of a school year: its journals and summary sheets' })
  async ofSchoolYear(
    @Query(zodPipe(schoolYear, INVALID_REQUEST)) query: z.infer<typeof schoolYear>,
  ) {
    return { records: await this.records.ofSchoolYear(query.schoolId, query.year) };
  }

  @Get(':recordId')
  @RequireGrant(RECORD_READERS, scopeFrom.resourceParam(RECORD_RESOURCE, 'recordId'))
  @ApiOperation({
    summary: 'One record with its metadata: retention, status, content hash, every action',
  })
  async record(@Param('recordId') recordId: string) {
    const record = await this.records.record(recordId);
    if (!record) throw new NotFoundProblem('ARCHIVE.RECORD_NOT_FOUND', 'There is no such record');
    return record;
  }
}
