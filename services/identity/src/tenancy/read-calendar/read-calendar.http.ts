import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { ApiProblem, ApiZodQuery, NotFoundProblem, zodPipe } from '@ejournal/http';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { SCHOOL_MEMBERS } from '../../edge/access';
import { academicYearField, INVALID_REQUEST } from '../../edge/fields';
import { Today } from '../../people/today';
import { CalendarQuery } from './calendar-query';

const query = z.strictObject({ academicYear: academicYearField.optional() });

@ApiTags('tenancy')
@Controller('schools/:schoolId')
export class ReadCalendarController {
  constructor(
    private readonly calendars: CalendarQuery,
    private readonly today: Today,
  ) {}

  @Get()
  @ApiProblem(404, 'IDENTITY.UNKNOWN_SCHOOL')
  @RequireGrant(SCHOOL_MEMBERS, scopeFrom.schoolParam())
  @ApiOperation({ summary: 'The school: region, municipality and time zone' })
  async school(@Param('schoolId') schoolId: string) {
    const school = await this.calendars.school(schoolId);
    if (!school) throw new NotFoundProblem('IDENTITY.UNKNOWN_SCHOOL', 'No such school');
    return school;
  }

  @Get('calendar')
  @ApiProblem(404, 'IDENTITY.NO_CALENDAR')
  @RequireGrant(SCHOOL_MEMBERS, scopeFrom.schoolParam())
  @ApiOperation({
    summary: "The school's calendar of an academic year (by default the one in progress)",
  })
  @ApiZodQuery(query)
  async calendar(
    @Param('schoolId') schoolId: string,
    @Query(zodPipe(query, INVALID_REQUEST)) { academicYear }: z.infer<typeof query>,
  ) {
    const calendar = await this.calendars.calendar(
      schoolId,
      academicYear ?? null,
      this.today.date(),
    );
    if (calendar === undefined)
      throw new NotFoundProblem(
        'IDENTITY.NO_CALENDAR',
        'The school has no calendar for this academic year',
      );
    return calendar;
  }
}
