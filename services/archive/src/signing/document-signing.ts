import { type DocumentSigned, newEventId } from '@ejournal/contracts';
import type { DocumentStore } from '@ejournal/document-store';
import { type EventStore, WrongExpectedVersionError } from '@ejournal/event-store';
import {
  ConflictProblem,
  ForbiddenProblem,
  Problem,
  ServiceUnavailableProblem,
  UnprocessableProblem,
} from '@ejournal/http';
import type { EventContext } from '@ejournal/write-path';
import { Inject, Injectable } from '@nestjs/common';
import { createHash, X509Certificate } from 'node:crypto';
import { RECORDS, type RecordModel } from '../catalogue/record-model';
import type { RecordSignature } from '../catalogue/record-document';
import { documentStream } from '../documents/generation/produce-document';
import { DOCUMENT_EVENTS_STORE, DOCUMENT_STORE } from '../documents/tokens';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { countersign, signDetached } from './cades';
import { verifyDetached } from './cades-verify';
import { DOCUMENT_SIGNER, type DocumentSigner } from './document-signer';
import { TIMESTAMPS, TRUST_ANCHORS } from './signing-providers';
import type { TimestampClient } from './timestamp-client';

class BadGatewayProblem extends Problem {
  readonly status = 502;
  readonly title = 'An upstream service failed';
}

/** Who signs first: the head of the school; countersignatures by the head or a deputy head. */
export const SIGNERS = ['head', 'deputy_head'] as const;

/**
 * Signs a record's year-end document (detached CAdES-BES, optionally with an RFC 3161 token):
 * the first signature by the head over the PDF; each later one a countersignature over the
 * signature before. Every signature is a `DocumentSigned` event of `document-{recordId}`,
 * appended with the stream's expected version, so two signing at once cannot both win.
 */
@Injectable()
export class DocumentSigning {
  constructor(
    @Inject(RECORDS) private readonly records: RecordModel,
    @Inject(DOCUMENT_EVENTS_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(DOCUMENT_SIGNER) private readonly signer: DocumentSigner | null,
    @Inject(TIMESTAMPS) private readonly timestamps: TimestampClient | null,
    @Inject(TRUST_ANCHORS) private readonly anchors: string[],
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async sign(recordId: string, context: EventContext, countersignature: boolean) {
    const record = await this.records
      .findById(recordId, { document: 1, regionId: 1, schoolId: 1, retention: 1 })
      .lean();
    const document = record?.document;
    if (!record || !document)
      throw new ConflictProblem(
        'ARCHIVE.DOCUMENT_NOT_PRODUCED',
        'The record has no year-end document yet',
      );
    const previous = document.signatureRef;
    if (previous && !countersignature)
      throw new ConflictProblem(
        'ARCHIVE.DOCUMENT_ALREADY_SIGNED',
        'The document is signed: add a countersignature instead',
      );
    if (!previous && countersignature)
      throw new ConflictProblem(
        'ARCHIVE.DOCUMENT_NOT_SIGNED',
        'There is no signature to countersign yet',
      );
    if (!previous && context.actor.role !== 'head')
      throw new ForbiddenProblem(
        'ARCHIVE.HEAD_SIGNS_FIRST',
        'The head of the school signs the document first',
      );
    if (!this.signer)
      throw new ServiceUnavailableProblem(
        'ARCHIVE.SIGNING_UNAVAILABLE',
        'No signing provider is configured',
      );
    const key = await this.signer.keyFor(context.actor.userId);
    if (!key)
      throw new UnprocessableProblem(
        'ARCHIVE.NO_SIGNING_KEY',
        'The signing provider holds no key for the caller',
      );

    const history = await this.store.readStream(documentStream(recordId));
    const signingTime = this.clock();
    let signature = previous
      ? await countersign(key, await this.documents.get(previous), signingTime)
      : await signDetached(key, await this.documents.get(document.ref), signingTime);
    let timestampTime: string | null = null;
    if (this.timestamps && !previous) {
      signature = await this.timestamps.stamp(signature).catch((error: unknown) => {
        throw new BadGatewayProblem(
          'ARCHIVE.TIMESTAMP_FAILED',
          `The time-stamp authority failed: ${String(error)}`,
        );
      });
      const verdict = await verifyDetached(
        signature,
        await this.documents.get(document.ref),
        this.anchors,
      );
      timestampTime = verdict.signers[0]?.timestamp?.time ?? null;
    }
    const stored = await this.documents.put(signature, {
      contentType: 'application/pkcs7-signature',
      retainUntil: new Date(`${record.retention.dispositionDate}T23:59:59Z`),
    });
    const certificate = new X509Certificate(key.certificate);
    const data: DocumentSigned['data'] = {
      recordId,
      documentRef: document.ref,
      signatureRef: stored.ref,
      countersigns: previous,
      signerId: context.actor.userId,
      role: context.actor.role,
      provider: this.signer.name,
      certificateSha256: createHash('sha256').update(certificate.raw).digest('hex'),
      certificateSerial: certificate.serialNumber.toLowerCase().replace(/^0+(?=.)/, ''),
      signingTime: signingTime.toISOString(),
      timestampTime,
    };
    try {
      await this.store.append(documentStream(recordId), history.length, [
        {
          eventId: newEventId(),
          type: 'DocumentSigned',
          schemaVersion: 1,
          occurredAt: signingTime.toISOString(),
          tenant: { regionId: record.regionId, schoolId: record.schoolId },
          actor: context.actor,
          correlationId: context.correlationId,
          causationId: context.causationId,
          traceparent: context.traceparent,
          data,
        },
      ]);
    } catch (error) {
      if (error instanceof WrongExpectedVersionError)
        throw new ConflictProblem(
          'ARCHIVE.SIGNATURE_CONFLICT',
          'Someone signed the document at the same time: try again',
        );
      throw error;
    }
    const entry: RecordSignature = {
      signedBy: data.signerId,
      role: data.role,
      at: data.signingTime,
      algorithm: `CAdES-BES ${key.signatureAlgorithm.oid}${timestampTime ? ' +RFC3161' : ''}`,
      documentRef: data.documentRef,
      signatureRef: data.signatureRef,
      countersigns: data.countersigns,
      certificateSha256: data.certificateSha256,
      timestampTime,
    };
    await this.records.updateOne(
      { _id: recordId },
      { $set: { 'document.signatureRef': stored.ref }, $push: { signatures: entry } },
    );
    return { ...entry, signatureRef: stored.ref };
  }

  /** The document's bytes re-hashed in the store, and every signature checked over them. */
  async verify(recordId: string) {
    const record = await this.records.findById(recordId, { document: 1 }).lean();
    const document = record?.document;
    if (!document)
      throw new ConflictProblem(
        'ARCHIVE.DOCUMENT_NOT_PRODUCED',
        'The record has no year-end document yet',
      );
    const stored = await this.documents.verify(document.ref);
    const signed = document.signatureRef !== null;
    // Bytes that no longer match their address are not read at all: the answer says so.
    if (!signed || !stored.ok)
      return {
        documentRef: document.ref,
        signatureRef: document.signatureRef,
        stored,
        signed,
        valid: false,
        signers: [],
      };
    const verdict = await verifyDetached(
      await this.documents.get(document.signatureRef as string),
      await this.documents.get(document.ref),
      this.anchors,
    );
    return {
      documentRef: document.ref,
      signatureRef: document.signatureRef,
      stored,
      signed: true,
      ...verdict,
      valid: verdict.valid && stored.ok,
    };
  }
}
