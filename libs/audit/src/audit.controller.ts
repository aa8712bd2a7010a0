import { RequireGrant } from '@ejournal/auth';
import { ApiProblem, ApiZodQuery, NotFoundProblem, zodPipe } from '@ejournal/http';
import { IntegrityService, exportStreams, NotFoundError } from '@ejournal/integrity';
import { Controller, Get, Header, Inject, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PassThrough } from 'node:stream';
import type { Pool } from 'pg';
import { z } from 'zod';
import { AuditorReadLog } from './auditor-read-log';
import { AUDIT_POOL, AUDIT_SERVICE } from './audit-tokens';
import { streamHistory } from './stream-history';

export const AUDIT_INVALID = 'AUDIT.INVALID_REQUEST';

const streamId = z.string().regex(/^[a-z][a-z0-9]*-[A-Za-z0-9._:-]{1,250}$/, 'must be a stream id');
const historyQuery = z.strictObject({ asOf: z.iso.datetime({ offset: true }).optional() });
const exportQuery = z
  .strictObject({
    stream: z.union([streamId, z.array(streamId).max(1000)]).optional(),
    category: z
      .string()
      .regex(/^[a-z][a-z0-9]*$/)
      .optional(),
  })
  .refine((query) => !(query.stream && query.category), 'either stream or category');
const inclusionQuery = z.strictObject({
  eventId: z.uuid(),
  checkpointId: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional(),
});
const consistencyQuery = z.strictObject({
  from: z.string().regex(/^\d{1,19}$/),
  to: z.string().regex(/^\d{1,19}$/),
});
const readsQuery = z.strictObject({
  after: z
    .string()
    .regex(/^\d{1,19}$/)
    .default('0'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** What an auditor reads of a store; every call is logged (`AuditorReadsInterceptor`). */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  private readonly integrity: IntegrityService;

  constructor(
    @Inject(AUDIT_POOL) private readonly pool: Pool,
    @Inject(AUDIT_SERVICE) private readonly service: string,
    private readonly reads: AuditorReadLog,
  ) {
    this.integrity = new IntegrityService(pool, `${service} store`);
  }

  @Get('streams/:streamId/history')
  @RequireGrant('auditor')
  @ApiZodQuery(historyQuery)
  @ApiProblem(400, AUDIT_INVALID)
  @ApiProblem(404, 'AUDIT.STREAM_NOT_FOUND')
  @ApiOperation({
    summary:
      'A stream’s full history as recorded (or as of an instant): every change with actor, ' +
      'reason, authorisedBy, order and policy version, hashes and leaf index',
  })
  async history(
    @Param('streamId', zodPipe(streamId, AUDIT_INVALID)) id: string,
    @Query(zodPipe(historyQuery, AUDIT_INVALID)) query: z.infer<typeof historyQuery>,
  ) {
    const found = await streamHistory(this.pool, id, query.asOf ? new Date(query.asOf) : null);
    if (!found) throw new NotFoundProblem('AUDIT.STREAM_NOT_FOUND', `The store holds no ${id}`);
    return found;
  }

  @Get('export')
  @RequireGrant('auditor')
  @ApiZodQuery(exportQuery)
  @ApiProduces('application/x-ndjson')
  @Header('content-type', 'application/x-ndjson; charset=utf-8')
  @ApiProblem(400, AUDIT_INVALID)
  @ApiProblem(404, 'AUDIT.NO_CHECKPOINT')
  @ApiOperation({
    summary:
      'Streams (`stream`, repeatable), a category, or the whole store as NDJSON ' +
      '(`ejournal-stream-export/1`): events with their hashed bytes, one batch inclusion proof, ' +
      'the checkpoint and the public keys; `ejournal-verify --export` checks it offline',
  })
  async export(@Query(zodPipe(exportQuery, AUDIT_INVALID)) query: z.infer<typeof exportQuery>) {
    if (!(await this.integrity.latestCheckpoint())) {
      throw new NotFoundProblem('AUDIT.NO_CHECKPOINT', 'No checkpoint yet: nothing can be proven');
    }
    const streams = query.stream === undefined ? undefined : [query.stream].flat();
    const selection = streams ? { streams } : query.category ? { category: query.category } : {};
    const out = new PassThrough();
    exportStreams(this.pool, selection, out, { source: `${this.service} store` }).then(
      () => out.end(),
      (error: unknown) => out.destroy(error as Error),
    );
    return new StreamableFile(out);
  }

  @Get('keys')
  @RequireGrant('auditor')
  @ApiOperation({ summary: 'Every key that signed the store’s checkpoints (`keys.json`)' })
  keys() {
    return this.integrity.keys();
  }

  @Get('checkpoints/latest')
  @RequireGrant('auditor')
  @ApiProblem(404, 'AUDIT.NO_CHECKPOINT')
  @ApiOperation({ summary: 'The store’s latest signed checkpoint' })
  async latest() {
    const checkpoint = await this.integrity.latestCheckpoint();
    if (!checkpoint) throw new NotFoundProblem('AUDIT.NO_CHECKPOINT', 'No checkpoint yet');
    return checkpoint;
  }

  @Get('proofs/inclusion')
  @RequireGrant('auditor')
  @ApiZodQuery(inclusionQuery)
  @ApiProblem(404, 'AUDIT.NOT_PROVABLE')
  @ApiOperation({ summary: 'RFC 9162 inclusion proof of one event in a checkpoint' })
  inclusion(@Query(zodPipe(inclusionQuery, AUDIT_INVALID)) query: z.infer<typeof inclusionQuery>) {
    return notProvable(
      this.integrity.inclusionProof({ eventId: query.eventId }, query.checkpointId),
    );
  }

  @Get('proofs/consistency')
  @RequireGrant('auditor')
  @ApiZodQuery(consistencyQuery)
  @ApiProblem(404, 'AUDIT.NOT_PROVABLE')
  @ApiOperation({ summary: 'RFC 9162 consistency proof between two checkpoints' })
  consistency(
    @Query(zodPipe(consistencyQuery, AUDIT_INVALID)) query: z.infer<typeof consistencyQuery>,
  ) {
    return notProvable(this.integrity.consistencyProof(query.from, query.to));
  }

  @Get('reads')
  @RequireGrant(['auditor', 'regional_operator'])
  @ApiZodQuery(readsQuery)
  @ApiOperation({ summary: 'The log of auditors’ reads of this store: who, what, when' })
  async auditorReads(@Query(zodPipe(readsQuery, AUDIT_INVALID)) query: z.infer<typeof readsQuery>) {
    return { reads: await this.reads.list(query.after, query.limit) };
  }
}

async function notProvable<T>(proof: Promise<T>): Promise<T> {
  try {
    return await proof;
  } catch (error) {
    if (error instanceof NotFoundError)
      throw new NotFoundProblem('AUDIT.NOT_PROVABLE', error.message);
    throw error;
  }
}
