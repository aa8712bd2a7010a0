import { CurrentPrincipal, type AuthRequest, type Principal } from '@ejournal/auth';
import { ApiProblem, ApiZodBody, NotFoundProblem, zodPipe } from '@ejournal/http';
import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { INVALID_REQUEST, personIdField } from '../../edge/fields';
import { AccessLog } from '../access-log';
import { PersonRepository } from '../person-repository';
import { PersonVisibility } from '../person-visibility';

/** `personIds`, as every other route that takes people names them. */
const batch = z.strictObject({ personIds: z.array(personIdField).min(1).max(500) });

/** Names and contacts by region-wide id; each person read is written to the access log. */
@ApiTags('people')
@Controller()
export class ReadPeopleController {
  constructor(
    private readonly people: PersonRepository,
    private readonly visibility: PersonVisibility,
    private readonly accessLog: AccessLog,
  ) {}

  @Post('people/batch')
  @ApiProblem(403, 'IDENTITY.PERSON_OUT_OF_SCOPE')
  @ApiProblem(404, 'IDENTITY.UNKNOWN_PERSON')
  @HttpCode(200)
  @ApiOperation({ summary: 'People by ids (up to 500), in Russian alphabetical order' })
  @ApiZodBody(batch)
  async batch(
    @Req() request: AuthRequest,
    @Body(zodPipe(batch, INVALID_REQUEST)) { personIds }: z.infer<typeof batch>,
  ) {
    return { people: await this.read(request, personIds, 'POST /people/batch') };
  }

  @Get('people/:personId')
  @ApiProblem(403, 'IDENTITY.PERSON_OUT_OF_SCOPE')
  @ApiProblem(404, 'IDENTITY.UNKNOWN_PERSON')
  @ApiOperation({ summary: 'One person’s personal data' })
  async one(
    @Req() request: AuthRequest,
    @Param('personId', zodPipe(personIdField, INVALID_REQUEST)) personId: string,
  ) {
    const [person] = await this.read(request, [personId], 'GET /people/:personId');
    if (!person) throw new NotFoundProblem('IDENTITY.UNKNOWN_PERSON', 'No such person');
    return person;
  }

  @Get('me')
  @ApiOperation({ summary: 'The caller: personal data and grants' })
  async me(@Req() request: AuthRequest, @CurrentPrincipal() principal: Principal) {
    const [person] = await this.read(request, [principal.subject], 'GET /me');
    return { ...person, grants: principal.grants };
  }

  private async read(request: AuthRequest, ids: string[], endpoint: string) {
    const seen = await this.visibility.require(request, ids);
    const people = await this.people.find(ids);
    const principal = request.principal as Principal;
    await this.accessLog.record({
      principal,
      role: seen.role,
      subjects: people.map((p) => p.personId),
      endpoint,
      schoolId: seen.schoolId,
    });
    return people;
  }
}
