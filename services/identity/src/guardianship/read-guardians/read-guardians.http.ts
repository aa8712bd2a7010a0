import type { AuthRequest, Principal } from '@ejournal/auth';
import { ApiProblem, zodPipe } from '@ejournal/http';
import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { INVALID_REQUEST, personIdField } from '../../edge/fields';
import { AccessLog } from '../../people/access-log';
import { PersonVisibility } from '../../people/person-visibility';
import { Today } from '../../people/today';
import { GuardiansQuery } from './guardians-query';

/** A pupil's guardians with names and contacts: read by staff, the pupil, its guardians. */
@ApiTags('guardianship')
@Controller('pupils/:pupilId/guardians')
export class ReadGuardiansController {
  constructor(
    private readonly links: GuardiansQuery,
    private readonly visibility: PersonVisibility,
    private readonly accessLog: AccessLog,
    private readonly today: Today,
  ) {}

  @Get()
  @ApiProblem(403, 'IDENTITY.PERSON_OUT_OF_SCOPE')
  @ApiProblem(404, 'IDENTITY.UNKNOWN_PERSON')
  @ApiOperation({ summary: "A pupil's guardians: links (in force or not), names and contacts" })
  async guardians(
    @Req() request: AuthRequest,
    @Param('pupilId', zodPipe(personIdField, INVALID_REQUEST)) pupilId: string,
  ) {
    const seen = await this.visibility.require(request, [pupilId]);
    const guardians = await this.links.ofPupil(pupilId, this.today.date());
    await this.accessLog.record({
      principal: request.principal as Principal,
      role: seen.role,
      subjects: guardians.map((guardian) => guardian.guardianId),
      endpoint: `GET ${request.url.split('?')[0]}`,
      schoolId: seen.schoolId,
    });
    return { pupilId, guardians };
  }
}
