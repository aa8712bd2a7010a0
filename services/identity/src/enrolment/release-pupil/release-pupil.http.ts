import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { PupilReleasedV1 } from '@ejournal/contracts';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { SCHOOL_MANAGERS } from '../../edge/access';
import { Context, type EventContext } from '../../edge/event-context';
import { identifierField, INVALID_REQUEST, personIdField } from '../../edge/fields';
import { EnrolmentActs } from '../enrolment-acts';
import { PlacementFacts } from '../placement-facts';

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
  constructor(
    private readonly acts: EnrolmentActs,
    private readonly facts: PlacementFacts,
  ) {}

  @Post()
  @RequireGrant(SCHOOL_MANAGERS, scopeFrom.resourceParam('pupil', 'pupilId'))
  @ApiOperation({
    summary:
      'Releases a pupil from the school by its order, from a date (the first day not enrolled), to a destination school if known',
  })
  @ApiZodBody(body)
  async release(
    @Param('pupilId', zodPipe(personIdField, INVALID_REQUEST)) pupilId: string,
    @Body(zodPipe(body, INVALID_REQUEST)) { onDate, toSchoolId, orderRef }: z.infer<typeof body>,
    @Context() context: EventContext,
  ) {
    if (toSchoolId) await this.facts.requireSchool(toSchoolId);
    const command = { type: 'ReleasePupil' as const, pupilId, onDate, toSchoolId, orderRef };
    const { schoolId, changed } = await this.acts.byCurrentSchool(command, context);
    return { pupilId, schoolId, toSchoolId, onDate, orderRef, changed };
  }
}
