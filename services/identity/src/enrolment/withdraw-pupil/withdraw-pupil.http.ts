import type { AuthRequest } from '@ejournal/auth';
import { WITHDRAWAL_REASONS } from '@ejournal/contracts';
import { enrolmentDecider } from '@ejournal/identity-domain';
import { ApiZodBody, ConflictProblem, zodPipe } from '@ejournal/http';
import { Body, Controller, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { IdentityConfig } from '../../config';
import { SCHOOL_MANAGERS } from '../../edge/access';
import { CommandRunner } from '../../edge/command-runner';
import { Context, withRole, type EventContext } from '../../edge/event-context';
import { dateField, INVALID_REQUEST, personIdField } from '../../edge/fields';
import { SchoolAccess } from '../../edge/school-access';
import { IDENTITY_CONFIG } from '../../infrastructure/tokens';
import { schoolTenant } from '../../tenancy/tenant';

const body = z.strictObject({ onDate: dateField, reason: z.enum(WITHDRAWAL_REASONS) });

/** Withdrawal is decided by the pupil's current school, known only from the pupil's stream. */
@ApiTags('enrolment')
@Controller('pupils/:pupilId/withdraw')
export class WithdrawPupilController {
  constructor(
    private readonly runner: CommandRunner,
    private readonly access: SchoolAccess,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Withdraws a pupil from the school from a date (the first day not enrolled)',
  })
  @ApiZodBody(body)
  async withdraw(
    @Req() request: AuthRequest,
    @Param('pupilId', zodPipe(personIdField, INVALID_REQUEST)) pupilId: string,
    @Body(zodPipe(body, INVALID_REQUEST)) { onDate, reason }: z.infer<typeof body>,
    @Context() context: EventContext,
  ) {
    const streamId = `enrolment-${pupilId}`;
    const { state } = await this.runner.load(streamId, enrolmentDecider);
    const schoolId = state.placement?.schoolId;
    if (!schoolId)
      throw new ConflictProblem('IDENTITY.NOT_ENROLLED', 'The pupil is not enrolled anywhere');
    const role = this.access.require(request, SCHOOL_MANAGERS, schoolId);
    const command = { type: 'WithdrawPupil' as const, pupilId, onDate, reason };
    await this.runner.run(
      streamId,
      enrolmentDecider,
      command,
      schoolTenant(this.config.IDENTITY_REGION_ID, schoolId),
      withRole(context, role),
    );
    return { pupilId, schoolId, onDate, reason };
  }
}
