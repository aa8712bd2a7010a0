import { z } from 'zod';
import { freeText, identifier, instant, sha256Hex } from '../envelope/field-schemas';
import { defineEvent, type EventOf } from '../registry/define-event';

/**
 * The year-end documents of a record (R8), stream `document-{recordId}` of the archive's store:
 * each PDF produced (once per record version) and each signature over it. Refs are content
 * addresses in the document store (`sha256:<hex>`); who signed is the envelope's actor and
 * `signerId`, the certificate only by fingerprint (its subject names a person).
 */
const recordId = z
  .string()
  .regex(/^(journal|summary)-[A-Za-z0-9._:-]{1,200}$/, 'must be a record id');
const documentRef = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be a sha256: ref');

export const DocumentProducedV1 = defineEvent({
  type: 'DocumentProduced',
  schemaVersion: 1,
  data: z.strictObject({
    recordId,
    kind: z.enum(['journal', 'summary_sheet']),
    /** The source stream's version the document shows. */
    sourceVersion: z.number().int().min(1),
    documentRef,
    size: z.number().int().min(1),
    contentType: z.literal('application/pdf'),
    /** Which layout produced it, so a later layout never passes for this one. */
    layout: freeText(64),
  }),
});

export const DocumentSignedV1 = defineEvent({
  type: 'DocumentSigned',
  schemaVersion: 1,
  data: z.strictObject({
    recordId,
    documentRef,
    /** The detached CMS signature (`.p7s`) with this signature in it. */
    signatureRef: documentRef,
    /** The signature this one countersigns (its `.p7s`); null for a signature of the document. */
    countersigns: documentRef.nullable(),
    signerId: identifier,
    role: identifier,
    provider: identifier,
    certificateSha256: sha256Hex,
    certificateSerial: z.string().regex(/^[0-9a-f]{1,64}$/),
    signingTime: instant,
    /** The RFC 3161 token's time, when a time-stamp authority is configured. */
    timestampTime: instant.nullable(),
  }),
});

export const DOCUMENT_EVENTS = [DocumentProducedV1, DocumentSignedV1] as const;

export type DocumentProduced = EventOf<typeof DocumentProducedV1>;
export type DocumentSigned = EventOf<typeof DocumentSignedV1>;
