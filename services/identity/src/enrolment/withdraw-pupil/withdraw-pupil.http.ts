import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { PupilWithdrawnV1, WITHDRAWAL_REASONS } from '@ejournal/contracts';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { SCHOOL_MANAGERS } from '../../edge/access';
import { Context, type EventContext } from '../../edge/event-context';
import { INVALID_REQUEST, personIdField } from '../../edge/fields';
import { WithdrawPupil } from './withdraw-pupil.handler';
import { IdentityCommand } from '../../edge/idempotent-replies';

const event = PupilWithdrawnV1.data.shape;
const body = z.strictObject({ onDate: event.onDate, reason: z.enum(WITHDRAWAL_REASONS) });

@ApiTags('enrolment')
@Controller('pupils/:pupilId/withdraw')
export class WithdrawPupilController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @IdentityCommand()
  @RequireGrant(SCHOOL_MANAGERS, scopeFrom.resourceParam('pupil', 'pupilId'))
  @ApiOperation({
    summary: 'Withdraws a pupil from the school from a date (the first day not enrolled)',
  })
  @ApiZodBody(body)
  withdraw(
    @Param('pupilId', zodPipe(personIdField, INVALID_REQUEST)) pupilId: string,
    @Body(zodPipe(body, INVALID_REQUEST)) { onDate, reason }: z.infer<typeof body>,
    @Context() context: EventContext,
  ) {
    return this.commands.execute(new WithdrawPupil(pupilId, onDate, reason, context));
  }
}
