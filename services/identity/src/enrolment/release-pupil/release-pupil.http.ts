import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { PupilReleasedV1 } from '@ejournal/contracts';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { SCHOOL_MANAGERS } from '../../edge/access';
import { Context, type EventContext } from '../../edge/event-context';
import { identifierField, INVALID_REQUEST, personIdField } from '../../edge/fields';
import { ReleasePupil } from './release-pupil.handler';
import { IdentityCommand } from '../../edge/idempotent-replies';

const event = PupilReleasedV1.data.shape;
const body = z.strictObject({
  onDate: event.onDate,
  toSchoolId: identifierField.nullable().default(null),
  orderRef: event.orderRef,
});

/**
 * The pupil's school lets the pupil go by its order (выбытие), naming the destination when it
 * is known; only that school's managers may then admit the pupil, and they see nothing of the
 * pupil until they do.
 */
@ApiTags('enrolment')
@Controller('pupils/:pupilId/release')
export class ReleasePupilController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @IdentityCommand()
  @RequireGrant(SCHOOL_MANAGERS, scopeFrom.resourceParam('pupil', 'pupilId'))
  @ApiOperation({
    summary:
      'Releases a pupil from the school by its order, from a date (the first day not enrolled), to a destination school if known',
  })
  @ApiZodBody(body)
  release(
    @Param('pupilId', zodPipe(personIdField, INVALID_REQUEST)) pupilId: string,
    @Body(zodPipe(body, INVALID_REQUEST)) release: z.infer<typeof body>,
    @Context() context: EventContext,
  ) {
    return this.commands.execute(new ReleasePupil(pupilId, release, context));
  }
}
