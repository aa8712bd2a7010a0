import { CurrentPrincipal, RequireGrant, type Principal } from '@ejournal/auth';
import { ApiProblem, ApiZodBody, ForbiddenProblem, zodPipe } from '@ejournal/http';
import { Body, Controller, Inject, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { JournalConfig } from '../config';
import { JOURNAL_CONFIG } from '../infrastructure/tokens';
import { StreamDisposal } from './stream-disposal';

const text = (max: number) => z.string().min(1).max(max);

/** A whole `journal-*` or `summary-*` stream: disposal never picks events out of one. */
const streamId = z
  .string()
  .regex(/^(journal|summary)-[A-Za-z0-9._:-]{1,200}$/, 'must be a stream id');

export const disposeStreamBody = z.strictObject({
  /** The approved act of the archive that covers the stream. */
  actReference: text(200),
  /** Who executes the act (the records officer's id). */
  disposedBy: text(128),
});

@ApiTags('disposal')
@Controller('disposals')
export class DisposeStreamController {
  constructor(
    private readonly disposal: StreamDisposal,
    @Inject(JOURNAL_CONFIG) private readonly config: JournalConfig,
  ) {}

  @Put(':streamId')
  @RequireGrant('service')
  @ApiZodBody(disposeStreamBody)
  @ApiProblem(400, 'JOURNAL.INVALID_REQUEST')
  @ApiProblem(403, 'JOURNAL.NOT_A_DISPOSAL_CALLER')
  @ApiProblem(404, 'JOURNAL.STREAM_NOT_FOUND')
  @ApiProblem(409, 'JOURNAL.STREAM_ALREADY_DISPOSED')
  @ApiOperation({
    summary:
      'Disposes of a stream under an approved act of the archive (its service account only): ' +
      'payloads removed, hashes and a tombstone kept; idempotent: the same act again gets the ' +
      'same tombstone',
  })
  async dispose(
    @Param('streamId', zodPipe(streamId, 'JOURNAL.INVALID_REQUEST')) stream: string,
    @Body(zodPipe(disposeStreamBody, 'JOURNAL.INVALID_REQUEST'))
    body: z.infer<typeof disposeStreamBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    if (!this.config.DISPOSAL_CALLERS.includes(principal.subject)) {
      throw new ForbiddenProblem(
        'JOURNAL.NOT_A_DISPOSAL_CALLER',
        'Only the archive executes disposal acts',
      );
    }
    return this.disposal.dispose(stream, body.actReference, body.disposedBy);
  }
}
