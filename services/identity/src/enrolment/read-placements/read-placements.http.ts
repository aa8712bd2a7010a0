import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { zodPipe } from '@ejournal/http';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SCHOOL_MANAGERS, SCHOOL_STAFF } from '../../edge/access';
import { INVALID_REQUEST, personIdField } from '../../edge/fields';
import { PlacementsQuery } from './placements-query';

/**
 * A pupil's placements as recorded (enrolments, moves, releases and admissions with who, when
 * and the order), and the pupils released to a school and not yet admitted: ids only, so the
 * receiving school learns nothing of the pupil before its own order.
 */
@ApiTags('enrolment')
@Controller()
export class ReadPlacementsController {
  constructor(private readonly placements: PlacementsQuery) {}

  @Get('pupils/:pupilId/enrolment-history')
  @RequireGrant(SCHOOL_STAFF, scopeFrom.resourceParam('pupil', 'pupilId'))
  @ApiOperation({
    summary: "A pupil's placements as recorded: each act with its date, order, actor and time",
  })
  async history(@Param('pupilId', zodPipe(personIdField, INVALID_REQUEST)) pupilId: string) {
    return { pupilId, acts: await this.placements.history(pupilId) };
  }

  @Get('schools/:schoolId/incoming-pupils')
  @RequireGrant(SCHOOL_MANAGERS, scopeFrom.schoolParam())
  @ApiOperation({ summary: 'Pupils released to this school and not yet admitted (ids only)' })
  async incoming(@Param('schoolId') schoolId: string) {
    return { schoolId, pupils: await this.placements.incoming(schoolId) };
  }
}
