import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { ApiProblem, ApiZodBody, ConflictProblem, NotFoundProblem, zodPipe } from '@ejournal/http';
import { Context, type EventContext } from '@ejournal/write-path';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RecordsQuery } from '../../catalogue/records.query';
import { INVALID_REQUEST, RECORD_READERS } from '../../edge/access';
import { RecordRetention } from '../../retention/record-retention';
import { RECORD_RESOURCE } from '../../edge/archive-scope-resolver';
import { DocumentSigning, SIGNERS } from '../../signing/document-signing';
import type { DocumentStore } from '@ejournal/document-store';
import { DOCUMENT_STORE } from '../tokens';

const overRecord = scopeFrom.resourceParam(RECORD_RESOURCE, 'recordId');
const signBody = z.strictObject({
  /** A countersignature over the signature the document already carries. */
  countersign: z.boolean().default(false),
});

interface BinaryReply {
  header(name: string, value: string): BinaryReply;
  type(contentType: string): BinaryReply;
}

/**
 * A record's year-end document: its description, the PDF and its detached signature
 * (`.p7s`, verifiable with `openssl cms -verify`), signing by the head (then countersigning),
 * and verification of the stored bytes and every signature. A disposed record's document is
 * no longer served or signed (409 `ARCHIVE.RECORD_DISPOSED`): its bytes wait in the write-once
 * store, locked until the record's disposition date, for the storage operator to destroy
 * under the same act.
 */
@ApiTags('documents')
@Controller('records/:recordId/document')
export class RecordDocumentController {
  constructor(
    private readonly records: RecordsQuery,
    private readonly signing: DocumentSigning,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly retention: RecordRetention,
  ) {}

  @Get()
  @RequireGrant(RECORD_READERS, overRecord)
  @ApiProblem(409, 'ARCHIVE.DOCUMENT_NOT_PRODUCED', 'ARCHIVE.RECORD_DISPOSED')
  @ApiOperation({ summary: 'The year-end document: its ref, size, version printed, signatures' })
  async describe(@Param('recordId') recordId: string) {
    const { document, signatures } = await this.produced(recordId);
    return { recordId, ...document, signatures };
  }

  @Get('pdf')
  @RequireGrant(RECORD_READERS, overRecord)
  @ApiProduces('application/pdf')
  @ApiProblem(409, 'ARCHIVE.DOCUMENT_NOT_PRODUCED', 'ARCHIVE.RECORD_DISPOSED')
  @ApiOperation({
    summary: 'The document itself (application/pdf, PDF/A-2b as far as pdf-lib goes)',
  })
  async pdf(@Param('recordId') recordId: string, @Res({ passthrough: true }) reply: BinaryReply) {
    const { document } = await this.produced(recordId);
    reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${recordId}.pdf"`);
    return Buffer.from(await this.documents.get(document.ref));
  }

  @Get('signature')
  @RequireGrant(RECORD_READERS, overRecord)
  @ApiProduces('application/pkcs7-signature')
  @ApiProblem(
    409,
    'ARCHIVE.DOCUMENT_NOT_PRODUCED',
    'ARCHIVE.DOCUMENT_NOT_SIGNED',
    'ARCHIVE.RECORD_DISPOSED',
  )
  @ApiOperation({ summary: 'The detached CMS signature (DER .p7s) with every signature so far' })
  async signature(
    @Param('recordId') recordId: string,
    @Res({ passthrough: true }) reply: BinaryReply,
  ) {
    const { document } = await this.produced(recordId);
    if (!document.signatureRef)
      throw new ConflictProblem('ARCHIVE.DOCUMENT_NOT_SIGNED', 'The document is not signed yet');
    reply
      .type('application/pkcs7-signature')
      .header('content-disposition', `attachment; filename="${recordId}.p7s"`);
    return Buffer.from(await this.documents.get(document.signatureRef));
  }

  @Post('signatures')
  @HttpCode(201)
  @RequireGrant(SIGNERS, overRecord)
  @ApiZodBody(signBody)
  @ApiProblem(400, INVALID_REQUEST)
  @ApiProblem(403, 'ARCHIVE.HEAD_SIGNS_FIRST')
  @ApiProblem(
    409,
    'ARCHIVE.DOCUMENT_NOT_PRODUCED',
    'ARCHIVE.DOCUMENT_ALREADY_SIGNED',
    'ARCHIVE.DOCUMENT_NOT_SIGNED',
    'ARCHIVE.SIGNATURE_CONFLICT',
    'ARCHIVE.RECORD_DISPOSED',
  )
  @ApiProblem(422, 'ARCHIVE.NO_SIGNING_KEY')
  @ApiProblem(502, 'ARCHIVE.TIMESTAMP_FAILED')
  @ApiProblem(503, 'ARCHIVE.SIGNING_UNAVAILABLE')
  @ApiOperation({
    summary:
      'Signs the document (the head; detached CAdES-BES, with an RFC 3161 token when a TSA is ' +
      'configured), or with `countersign` adds a countersignature (head or deputy head)',
  })
  async sign(
    @Param('recordId') recordId: string,
    @Body(zodPipe(signBody, INVALID_REQUEST)) body: z.infer<typeof signBody>,
    @Context() context: EventContext,
  ) {
    await this.notDisposed(recordId);
    return this.signing.sign(recordId, context, body.countersign);
  }

  @Get('verification')
  @RequireGrant(RECORD_READERS, overRecord)
  @ApiProblem(409, 'ARCHIVE.DOCUMENT_NOT_PRODUCED')
  @ApiOperation({
    summary:
      'Re-hashes the stored document and checks every signature: digest, signature, ' +
      'signing certificate, validity, trust anchors, countersignatures, timestamp',
  })
  verify(@Param('recordId') recordId: string) {
    return this.signing.verify(recordId);
  }

  private async produced(recordId: string) {
    const record = await this.records.record(recordId);
    if (!record) throw new NotFoundProblem('ARCHIVE.RECORD_NOT_FOUND', 'There is no such record');
    await this.notDisposed(recordId);
    if (!record.document)
      throw new ConflictProblem(
        'ARCHIVE.DOCUMENT_NOT_PRODUCED',
        'The record has no year-end document yet',
      );
    return { document: record.document, signatures: record.signatures ?? [] };
  }

  private async notDisposed(recordId: string) {
    const { disposal } = await this.retention.standing(recordId);
    if (disposal)
      throw new ConflictProblem(
        'ARCHIVE.RECORD_DISPOSED',
        `The record is disposed of under act ${disposal.actId}: its document is no longer served`,
      );
  }
}
