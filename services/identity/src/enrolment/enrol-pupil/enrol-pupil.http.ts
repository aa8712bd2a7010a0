import { RequireGrant, type AuthRequest } from '@ejournal/auth';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { SCHOOL_MANAGERS } from '../../edge/access';
import { Context, type EventContext } from '../../edge/event-context';
import { dateField, identifierField, INVALID_REQUEST, personIdField } from '../../edge/fields';
import { PlacementFacts } from '../placement-facts';
import { PlacePupil } from './enrol-pupil.handler';

const body = z.strictObject({ classId: identifierField, onDate: dateField });
/** The receiving school decides: the target class's school is the scope. */
const targetClass = (request: AuthRequest) => ({
  classId: String((request.body as { classId?: unknown } | null)?.classId ?? ''),
});

@ApiTags('enrolment')
@Controller('pupils/:pupilId')
export class EnrolPupilController {
  constructor(
    private readonly commands: CommandBus,
    private readonly facts: PlacementFacts,
  ) {}

  @Post('enrol')
  @RequireGrant(SCHOOL_MANAGERS, targetClass)
  @ApiOperation({ summary: 'Enrols a pupil into a class from a date of its academic year' })
  @ApiZodBody(body)
  enrol(
    @Param('pupilId', zodPipe(personIdField, INVALID_REQUEST)) pupilId: string,
    @Body(zodPipe(body, INVALID_REQUEST)) placement: z.infer<typeof body>,
    @Context() context: EventContext,
  ) {
    return this.place(pupilId, placement, false, context);
  }

  @Post('transfer')
  @RequireGrant(SCHOOL_MANAGERS, targetClass)
  @ApiOperation({
    summary: 'Transfers a pupil to another class, of this or another school, from a date',
  })
  @ApiZodBody(body)
  transfer(
    @Param('pupilId', zodPipe(personIdField, INVALID_REQUEST)) pupilId: string,
    @Body(zodPipe(body, INVALID_REQUEST)) placement: z.infer<typeof body>,
    @Context() context: EventContext,
  ) {
    return this.place(pupilId, placement, true, context);
  }

  private async place(
    pupilId: string,
    { classId, onDate }: z.infer<typeof body>,
    transfer: boolean,
    context: EventContext,
  ) {
    await this.facts.requirePerson(pupilId);
    const target = await this.facts.ofClass(classId);
    return this.commands.execute(new PlacePupil(pupilId, target, onDate, transfer, context));
  }
}
