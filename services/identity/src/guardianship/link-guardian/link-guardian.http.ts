import { RequireGrant, scopeFrom } from '@ejournal/auth';
import {
  GUARDIAN_RELATIONS,
  GUARDIANSHIP_END_REASONS,
  GUARDIANSHIP_RESTRICTIONS,
} from '@ejournal/contracts';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { SCHOOL_MANAGERS } from '../../edge/access';
import { Context, type EventContext } from '../../edge/event-context';
import { dateField, INVALID_REQUEST, personIdField } from '../../edge/fields';
import { ChangeGuardianship } from './link-guardian.handler';
import { IdentityCommand } from '../../edge/idempotent-replies';

const restrictions = z.array(z.enum(GUARDIANSHIP_RESTRICTIONS)).max(2);
const linkBody = z.strictObject({
  guardianId: personIdField,
  relation: z.enum(GUARDIAN_RELATIONS),
  validFrom: dateField,
  validUntil: dateField.nullable(),
  restrictions: restrictions.default([]),
});
const restrictBody = z.strictObject({ restrictions, fromDate: dateField });
const endBody = z.strictObject({ onDate: dateField, reason: z.enum(GUARDIANSHIP_END_REASONS) });
const pupilParam = zodPipe(personIdField, INVALID_REQUEST);
/** The pupil's school decides; a guardian linked must be a person of that school already. */
const pupilsSchool = scopeFrom.resourceParam('pupil', 'pupilId');
/** A link's pupil and guardian: a guardian of another school answers as an unknown person. */
const theLink = scopeFrom.all(pupilsSchool, scopeFrom.resourceParam('guardian', 'guardianId'));

@ApiTags('guardianship')
@Controller('pupils/:pupilId/guardians')
export class LinkGuardianController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @IdentityCommand()
  @RequireGrant(
    SCHOOL_MANAGERS,
    scopeFrom.all(pupilsSchool, scopeFrom.bodyResource('guardian', 'guardianId')),
  )
  @ApiOperation({ summary: 'Links a guardian to a pupil with validity dates and restrictions' })
  @ApiZodBody(linkBody)
  link(
    @Param('pupilId', pupilParam) pupilId: string,
    @Body(zodPipe(linkBody, INVALID_REQUEST)) body: z.infer<typeof linkBody>,
    @Context() context: EventContext,
  ) {
    const { guardianId, ...link } = body;
    const command = { type: 'LinkGuardian' as const, pupilId, guardianId, link };
    return this.commands.execute(new ChangeGuardianship(command, context));
  }

  @Post(':guardianId/restrictions')
  @IdentityCommand()
  @RequireGrant(SCHOOL_MANAGERS, theLink)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Restricts a link from a date (a court order): no records, no notifications',
  })
  @ApiZodBody(restrictBody)
  restrict(
    @Param('pupilId', pupilParam) pupilId: string,
    @Param('guardianId', pupilParam) guardianId: string,
    @Body(zodPipe(restrictBody, INVALID_REQUEST)) body: z.infer<typeof restrictBody>,
    @Context() context: EventContext,
  ) {
    const command = { type: 'RestrictGuardianship' as const, pupilId, guardianId, ...body };
    return this.commands.execute(new ChangeGuardianship(command, context));
  }

  @Post(':guardianId/end')
  @IdentityCommand()
  @RequireGrant(SCHOOL_MANAGERS, theLink)
  @HttpCode(200)
  @ApiOperation({ summary: 'Ends a link from a date (a court order, the pupil came of age)' })
  @ApiZodBody(endBody)
  end(
    @Param('pupilId', pupilParam) pupilId: string,
    @Param('guardianId', pupilParam) guardianId: string,
    @Body(zodPipe(endBody, INVALID_REQUEST)) body: z.infer<typeof endBody>,
    @Context() context: EventContext,
  ) {
    const command = { type: 'EndGuardianship' as const, pupilId, guardianId, ...body };
    return this.commands.execute(new ChangeGuardianship(command, context));
  }
}
