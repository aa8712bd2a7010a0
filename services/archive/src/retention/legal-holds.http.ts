import { RequireGrant, scopeFrom, type AuthRequest } from '@ejournal/auth';
import { newEventId } from '@ejournal/contracts';
import { ApiProblem, ApiZodBody, NotFoundProblem, zodPipe } from '@ejournal/http';
import { Context, idempotencyOf, type EventContext } from '@ejournal/write-path';
import { Body, Controller, Get, HttpCode, Param, Post, Req, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RecordsQuery } from '../catalogue/records.query';
import { INVALID_REQUEST, RECORD_READERS } from '../edge/access';
import { RECORD_RESOURCE } from '../edge/archive-scope-resolver';
import { archiveErrors } from './archive-refusals';
import { RecordRetention } from './record-retention';
import { HOLD_KEEPERS } from './retention-access';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'must be an id');
const text = (max: number) => z.string().trim().min(1).max(max);

const placeHold = z.strictObject({
  /** Chosen by the caller so a retry places the same hold; one is made up when absent. */
  holdId: id.optional(),
  reason: text(500),
  orderRef: text(100).nullable().default(null),
});
const releaseHold = z.strictObject({
  reason: text(500),
  orderRef: text(100).nullable().default(null),
});

const overRecord = scopeFrom.resourceParam(RECORD_RESOURCE, 'recordId');

@ApiTags('retention')
@Controller('records/:recordId')
@UseInterceptors(archiveErrors)
export class LegalHoldsController {
  constructor(
    private readonly retention: RecordRetention,
    private readonly records: RecordsQuery,
  ) {}

  @Get('retention')
  @RequireGrant(RECORD_READERS, overRecord)
  @ApiOperation({ summary: 'A record’s legal holds in force and released, and its disposal' })
  async standing(@Param('recordId') recordId: string) {
    await this.record(recordId);
    return this.retention.standing(recordId);
  }

  @Post('holds')
  @HttpCode(200)
  @RequireGrant(HOLD_KEEPERS, overRecord)
  @ApiZodBody(placeHold)
  @ApiProblem(400, INVALID_REQUEST)
  @ApiProblem(409, 'ARCHIVE.RECORD_DISPOSED')
  @ApiOperation({
    summary: 'Places a legal hold (litigation, inspection): the record may not be disposed of',
  })
  async place(
    @Param('recordId') recordId: string,
    @Body(zodPipe(placeHold, INVALID_REQUEST)) body: z.infer<typeof placeHold>,
    @Context() context: EventContext,
    @Req() request: AuthRequest,
  ) {
    const record = await this.record(recordId);
    const data = { ...body, holdId: body.holdId ?? newEventId(), recordId };
    return this.retention.handle(
      record,
      { type: 'PlaceHold', data },
      context,
      idempotencyOf(request),
    );
  }

  @Post('holds/:holdId/release')
  @HttpCode(200)
  @RequireGrant(HOLD_KEEPERS, overRecord)
  @ApiZodBody(releaseHold)
  @ApiProblem(400, INVALID_REQUEST)
  @ApiProblem(404, 'ARCHIVE.HOLD_NOT_FOUND')
  @ApiOperation({ summary: 'Releases a legal hold, with the reason' })
  async release(
    @Param('recordId') recordId: string,
    @Param('holdId', zodPipe(id, INVALID_REQUEST)) holdId: string,
    @Body(zodPipe(releaseHold, INVALID_REQUEST)) body: z.infer<typeof releaseHold>,
    @Context() context: EventContext,
  ) {
    const record = await this.record(recordId);
    const data = { ...body, holdId, recordId };
    return this.retention.handle(record, { type: 'ReleaseHold', data }, context);
  }

  private async record(recordId: string) {
    const record = await this.records.record(recordId);
    if (!record) throw new NotFoundProblem('ARCHIVE.RECORD_NOT_FOUND', 'There is no such record');
    return record;
  }
}
