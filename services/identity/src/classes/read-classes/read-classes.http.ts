import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { ApiZodQuery, zodPipe } from '@ejournal/http';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { SCHOOL_MEMBERS } from '../../edge/access';
import { academicYearField, INVALID_REQUEST } from '../../edge/fields';
import { ClassesQuery } from './classes-query';

const query = z.strictObject({ academicYear: academicYearField.optional() });

/** A school's classes and groups (no personal data: labels and ids). */
@ApiTags('classes')
@Controller('schools/:schoolId/classes')
export class ReadClassesController {
  constructor(private readonly classes: ClassesQuery) {}

  @Get()
  @RequireGrant(SCHOOL_MEMBERS, scopeFrom.schoolParam())
  @ApiOperation({
    summary: 'The classes and ad-hoc groups of a school, of one academic year or all',
  })
  @ApiZodQuery(query)
  async list(
    @Param('schoolId') schoolId: string,
    @Query(zodPipe(query, INVALID_REQUEST)) { academicYear }: z.infer<typeof query>,
  ) {
    return { schoolId, ...(await this.classes.ofSchool(schoolId, academicYear ?? null)) };
  }
}
