import {
  CurrentGrant,
  RequireGrant,
  scopeFrom,
  type AuthRequest,
  type Grant,
} from '@ejournal/auth';
import { ApiProblem, ApiZodBody, ApiZodQuery, ForbiddenProblem, zodPipe } from '@ejournal/http';
import { Context, idempotencyOf, type EventContext } from '@ejournal/write-path';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  UseInterceptors,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { INVALID_REQUEST, RECORD_READERS } from '../edge/access';
import { archiveErrors } from '../retention/archive-refusals';
import { APPROVER_ROLES, RECORDS_OFFICERS } from '../retention/retention-access';
import { DisposalActs } from './disposal-acts';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'must be an id');
const text = (max: number) => z.string().trim().min(1).max(max);

const draftAct = z.strictObject({
  /** Chosen by the caller so a retry drafts the same act; one is made up when absent. */
  actId: id.optional(),
  recordIds: z
    .array(z.string().regex(/^(journal|summary)-[A-Za-z0-9._:-]{1,200}$/))
    .min(1)
    .max(2000),
  reason: text(500),
});
const approval = z.strictObject({
  as: z.enum(['head', 'regional_archive']),
  orderRef: text(100).nullable().default(null),
});
const rejection = z.strictObject({ reason: text(500) });
const candidatesQuery = z.strictObject({ year: z.coerce.number().int().min(1900).max(2199) });

const overSchool = scopeFrom.schoolParam();

@ApiTags('disposal')
@Controller('schools/:schoolId/disposal-acts')
@UseInterceptors(archiveErrors)
export class DisposalActsController {
  constructor(private readonly acts: DisposalActs) {}

  @Get('candidates')
  @RequireGrant(RECORDS_OFFICERS, overSchool)
  @ApiZodQuery(candidatesQuery)
  @ApiOperation({
    summary: 'Records of a school year past their disposition date and free of holds',
  })
  async candidates(
    @Param('schoolId') schoolId: string,
    @Query(zodPipe(candidatesQuery, INVALID_REQUEST)) query: z.infer<typeof candidatesQuery>,
  ) {
    return { records: await this.acts.candidates(schoolId, query.year) };
  }

  @Post()
  @HttpCode(201)
  @RequireGrant(RECORDS_OFFICERS, overSchool)
  @ApiZodBody(draftAct)
  @ApiProblem(400, INVALID_REQUEST)
  @ApiProblem(404, 'ARCHIVE.RECORD_NOT_FOUND')
  @ApiProblem(
    409,
    'ARCHIVE.RETENTION_NOT_EXPIRED',
    'ARCHIVE.LEGAL_HOLD',
    'ARCHIVE.RECORD_DISPOSED',
    'ARCHIVE.ACT_EXISTS',
  )
  @ApiOperation({ summary: 'Drafts a disposal act of records past their disposition date' })
  draft(
    @Param('schoolId') schoolId: string,
    @Body(zodPipe(draftAct, INVALID_REQUEST)) body: z.infer<typeof draftAct>,
    @Context() context: EventContext,
    @Req() request: AuthRequest,
  ) {
    return this.acts.draft(schoolId, body, context, idempotencyOf(request));
  }

  @Get(':actId')
  @RequireGrant(RECORD_READERS, overSchool)
  @ApiProblem(404, 'ARCHIVE.ACT_NOT_FOUND')
  @ApiOperation({
    summary: 'A disposal act: its records, approvals, and what each store confirmed it disposed of',
  })
  act(
    @Param('schoolId') schoolId: string,
    @Param('actId', zodPipe(id, INVALID_REQUEST)) actId: string,
  ) {
    return this.acts.act(schoolId, actId);
  }

  @Post(':actId/approvals')
  @HttpCode(200)
  @RequireGrant(Object.values(APPROVER_ROLES), overSchool)
  @ApiZodBody(approval)
  @ApiProblem(403, 'ARCHIVE.APPROVER_ROLE', 'ARCHIVE.SEPARATION_OF_DUTIES')
  @ApiProblem(404, 'ARCHIVE.ACT_NOT_FOUND')
  @ApiProblem(409, 'ARCHIVE.APPROVAL_NOT_NEEDED', 'ARCHIVE.ACT_CLOSED')
  @ApiOperation({
    summary: 'Approves an act: as the head of the school, or as the regional archive',
  })
  approve(
    @Param('schoolId') schoolId: string,
    @Param('actId', zodPipe(id, INVALID_REQUEST)) actId: string,
    @Body(zodPipe(approval, INVALID_REQUEST)) body: z.infer<typeof approval>,
    @CurrentGrant() grant: Grant,
    @Context() context: EventContext,
  ) {
    if (grant.role !== APPROVER_ROLES[body.as]) {
      throw new ForbiddenProblem(
        'ARCHIVE.APPROVER_ROLE',
        `Approving as ${body.as} takes the ${APPROVER_ROLES[body.as]} role`,
      );
    }
    const command = {
      type: 'ApproveAct' as const,
      data: { actId, ...body },
      by: context.actor.userId,
    };
    return this.acts.decide(schoolId, actId, command, context);
  }

  @Post(':actId/rejection')
  @HttpCode(200)
  @RequireGrant(Object.values(APPROVER_ROLES), overSchool)
  @ApiZodBody(rejection)
  @ApiProblem(404, 'ARCHIVE.ACT_NOT_FOUND')
  @ApiProblem(409, 'ARCHIVE.ACT_CLOSED', 'ARCHIVE.ACT_EXECUTING')
  @ApiOperation({ summary: 'Rejects an act: none of its records is disposed of' })
  reject(
    @Param('schoolId') schoolId: string,
    @Param('actId', zodPipe(id, INVALID_REQUEST)) actId: string,
    @Body(zodPipe(rejection, INVALID_REQUEST)) body: z.infer<typeof rejection>,
    @Context() context: EventContext,
  ) {
    return this.acts.decide(
      schoolId,
      actId,
      { type: 'RejectAct', data: { actId, ...body } },
      context,
    );
  }

  @Post(':actId/execution')
  @HttpCode(200)
  @RequireGrant(RECORDS_OFFICERS, overSchool)
  @ApiProblem(404, 'ARCHIVE.ACT_NOT_FOUND')
  @ApiProblem(409, 'ARCHIVE.ACT_NOT_APPROVED', 'ARCHIVE.ACT_REJECTED', 'ARCHIVE.LEGAL_HOLD')
  @ApiProblem(503, 'ARCHIVE.DISPOSAL_UNAVAILABLE')
  @ApiOperation({
    summary:
      'Executes an approved act: each record’s store disposes of its stream (payloads gone, ' +
      'hashes and tombstone kept); safe to repeat after a failure',
  })
  execute(
    @Param('schoolId') schoolId: string,
    @Param('actId', zodPipe(id, INVALID_REQUEST)) actId: string,
    @Context() context: EventContext,
  ) {
    return this.acts.execute(schoolId, actId, context);
  }
}
