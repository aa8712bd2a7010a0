import { RequireGrant, scopeFrom, type AuthRequest, type Principal } from '@ejournal/auth';
import { ApiProblem, ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, Header, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { SCHOOL_MANAGERS } from '../../edge/access';
import { INVALID_REQUEST, personIdField } from '../../edge/fields';
import { IssueCodesService } from './issue-codes.service';
import { IdentityCommand } from '../../edge/idempotent-replies';

const body = z.strictObject({ personIds: z.array(personIdField).min(1).max(2000) });

/**
 * Codes the school prints and hands out: activation for accounts still pending, password
 * reset for active ones. Shown once; only their hashes are kept.
 */
@ApiTags('accounts')
@Controller('schools/:schoolId')
export class IssueCodesController {
  constructor(private readonly codes: IssueCodesService) {}

  @Post('activation-codes')
  @IdentityCommand()
  @RequireGrant(SCHOOL_MANAGERS, scopeFrom.schoolParam())
  @ApiProblem(403, 'IDENTITY.PERSON_OUT_OF_SCOPE')
  @ApiProblem(404, 'IDENTITY.UNKNOWN_PERSON')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'One-time activation codes for pending accounts of people of the school',
  })
  @ApiZodBody(body)
  activation(
    @Req() request: AuthRequest,
    @Param('schoolId') schoolId: string,
    @Body(zodPipe(body, INVALID_REQUEST)) { personIds }: z.infer<typeof body>,
  ) {
    return this.codes.issue(request, schoolId, personIds, 'activation', creatorOf(request));
  }

  @Post('password-reset-codes')
  @IdentityCommand()
  @RequireGrant(SCHOOL_MANAGERS, scopeFrom.schoolParam())
  @ApiProblem(403, 'IDENTITY.PERSON_OUT_OF_SCOPE')
  @ApiProblem(404, 'IDENTITY.UNKNOWN_PERSON')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'One-time password reset codes for active accounts of people of the school',
  })
  @ApiZodBody(body)
  reset(
    @Req() request: AuthRequest,
    @Param('schoolId') schoolId: string,
    @Body(zodPipe(body, INVALID_REQUEST)) { personIds }: z.infer<typeof body>,
  ) {
    return this.codes.issue(request, schoolId, personIds, 'password_reset', creatorOf(request));
  }
}

function creatorOf(request: AuthRequest): string {
  return (request.principal as Principal).subject;
}
