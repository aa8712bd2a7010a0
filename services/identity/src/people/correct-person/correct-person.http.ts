import { RequireGrant, scopeFrom, type AuthRequest, type Principal } from '@ejournal/auth';
import { ApiProblem, ApiZodBody, NotFoundProblem, zodPipe } from '@ejournal/http';
import { Body, Controller, Inject, Param, Patch, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { IdentityConfig } from '../../config';
import { SCHOOL_MANAGERS } from '../../edge/access';
import { dateField, INVALID_REQUEST, personIdField } from '../../edge/fields';
import { IDENTITY_CONFIG } from '../../infrastructure/tokens';
import { PersonRepository, personalDataOf } from '../person-repository';
import { IdentityCommand } from '../../edge/idempotent-replies';

const name = z
  .string()
  .regex(/^[\p{L}][\p{L}' -]{0,99}$/u, 'letters, hyphens, apostrophes, spaces');
const body = z.strictObject({
  surname: name.optional(),
  givenName: name.optional(),
  patronymic: name.nullable().optional(),
  birthDate: dateField.nullable().optional(),
  email: z.email().nullable().optional(),
  phone: z
    .string()
    .regex(/^\+7\d{10}$/, 'like +79781234567')
    .nullable()
    .optional(),
});

/** Personal data is corrected in place; the history keeps what it was, who changed it, when. */
@ApiTags('people')
@Controller('people/:personId')
export class CorrectPersonController {
  constructor(
    private readonly people: PersonRepository,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  @Patch()
  @IdentityCommand()
  @ApiProblem(404, 'IDENTITY.UNKNOWN_PERSON')
  @RequireGrant(SCHOOL_MANAGERS, scopeFrom.resourceParam('person', 'personId'))
  @ApiOperation({
    summary: 'Corrects personal data (school administration of a school of the person)',
  })
  @ApiZodBody(body)
  async correct(
    @Req() request: AuthRequest,
    @Param('personId', zodPipe(personIdField, INVALID_REQUEST)) personId: string,
    @Body(zodPipe(body, INVALID_REQUEST)) change: z.infer<typeof body>,
  ) {
    const [current] = await this.people.find([personId]);
    if (!current || current.erased)
      throw new NotFoundProblem('IDENTITY.UNKNOWN_PERSON', 'No such person');
    const principal = request.principal as Principal;
    const role = request.grant?.role ?? 'unknown';
    const changed = await this.people.save(
      personId,
      this.config.IDENTITY_REGION_ID,
      { ...personalDataOf(current), ...change },
      { actorId: principal.subject, actorRole: role, source: 'correction' },
    );
    return { personId, changed: changed !== 'unchanged' };
  }
}
