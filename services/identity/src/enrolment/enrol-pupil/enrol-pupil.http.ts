import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { PupilAdmittedV1 } from '@ejournal/contracts';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { SCHOOL_MANAGERS } from '../../edge/access';
import { Context, type EventContext } from '../../edge/event-context';
import { identifierField, INVALID_REQUEST, personIdField } from '../../edge/fields';
import { PlacePupil } from './enrol-pupil.handler';
import { IdentityCommand } from '../../edge/idempotent-replies';

const event = PupilAdmittedV1.data.shape;
const body = z.strictObject({
  classId: identifierField,
  onDate: event.onDate,
  orderRef: event.orderRef.nullable().optional(),
});
/**
 * Both ends must be the caller's: the class placed into, and the pupil — where the pupil is
 * enrolled, or after a release the school it was released to. A manager of one school thus
 * never takes a pupil out of another; a municipal or regional role holds both ends.
 */
const placement = scopeFrom.all(
  scopeFrom.bodyClass('classId'),
  scopeFrom.resourceParam('pupil-placement', 'pupilId'),
);

@ApiTags('enrolment')
@Controller('pupils/:pupilId')
export class EnrolPupilController {
  constructor(private readonly commands: CommandBus) {}

  @Post('enrol')
  @IdentityCommand()
  @RequireGrant(SCHOOL_MANAGERS, placement)
  @ApiOperation({
    summary:
      'Enrols a pupil into a class from a date; after a release, the receiving school admits the pupil under its order (orderRef)',
  })
  @ApiZodBody(body)
  enrol(
    @Param('pupilId', zodPipe(personIdField, INVALID_REQUEST)) pupilId: string,
    @Body(zodPipe(body, INVALID_REQUEST)) placement: z.infer<typeof body>,
    @Context() context: EventContext,
  ) {
    return this.place(pupilId, placement, false, context);
  }

  @Post('transfer')
  @IdentityCommand()
  @RequireGrant(SCHOOL_MANAGERS, placement)
  @ApiOperation({
    summary:
      'Moves a pupil to another class of the school; to another school only with a role over both schools and an order (orderRef)',
  })
  @ApiZodBody(body)
  transfer(
    @Param('pupilId', zodPipe(personIdField, INVALID_REQUEST)) pupilId: string,
    @Body(zodPipe(body, INVALID_REQUEST)) placement: z.infer<typeof body>,
    @Context() context: EventContext,
  ) {
    return this.place(pupilId, placement, true, context);
  }

  private place(
    pupilId: string,
    { classId, onDate, orderRef }: z.infer<typeof body>,
    transfer: boolean,
    context: EventContext,
  ) {
    return this.commands.execute(
      new PlacePupil(pupilId, classId, onDate, transfer, orderRef ?? null, context),
    );
  }
}
