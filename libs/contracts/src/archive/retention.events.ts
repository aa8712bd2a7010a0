import { z } from 'zod';
import { calendarDate, freeText, identifier, instant, sha256Hex } from '../envelope/field-schemas';
import { defineEvent, type EventOf } from '../registry/define-event';

/**
 * The archive's retention and disposal record (R7, R10, GOST R ISO 15489-1 §9.9): legal holds
 * and disposals per record (`retention-{recordId}`), and each disposal act as a workflow of its
 * own (`disposal-{actId}`). Ids only: who acted is in the envelope's actor.
 */
const recordId = z
  .string()
  .regex(/^(journal|summary)-[A-Za-z0-9._:-]{1,200}$/, 'must be a record id');
const actId = identifier;
const orderRef = freeText(100).nullable();

/** What the store left of a disposed stream (its tombstone), as the owning service confirmed. */
const tombstone = {
  eventCount: z.number().int().min(1),
  lastVersion: z.number().int().min(1),
  lastHash: sha256Hex.nullable(),
  disposedAt: instant,
  executedBy: freeText(128),
};

export const LegalHoldPlacedV1 = defineEvent({
  type: 'LegalHoldPlaced',
  schemaVersion: 1,
  data: z.strictObject({ holdId: identifier, recordId, reason: freeText(500), orderRef }),
});

export const LegalHoldReleasedV1 = defineEvent({
  type: 'LegalHoldReleased',
  schemaVersion: 1,
  data: z.strictObject({ holdId: identifier, recordId, reason: freeText(500), orderRef }),
});

/** An approved act began disposing of the record: from here no hold can be placed. */
export const RecordDisposalStartedV1 = defineEvent({
  type: 'RecordDisposalStarted',
  schemaVersion: 1,
  data: z.strictObject({ recordId, actId }),
});

export const RecordDisposedV1 = defineEvent({
  type: 'RecordDisposed',
  schemaVersion: 1,
  data: z.strictObject({ recordId, actId, ...tombstone }),
});

const actRecord = z.strictObject({
  recordId,
  kind: z.enum(['journal', 'summary_sheet']),
  retentionClass: freeText(50),
  dispositionDate: calendarDate,
  /** The record's content hash and version when the act was drafted. */
  contentHash: sha256Hex.nullable(),
  streamVersion: z.number().int().min(0),
});

export const DisposalActDraftedV1 = defineEvent({
  type: 'DisposalActDrafted',
  schemaVersion: 1,
  data: z.strictObject({
    actId,
    schoolId: identifier,
    /** As of this school date the records were past their disposition date. */
    draftedOn: calendarDate,
    records: z.array(actRecord).min(1).max(2000),
    reason: freeText(500),
    /** Approvals the act needs before it may be executed. */
    approvals: z.array(z.enum(['head', 'regional_archive'])).min(1),
  }),
});

export const DisposalActApprovedV1 = defineEvent({
  type: 'DisposalActApproved',
  schemaVersion: 1,
  data: z.strictObject({ actId, as: z.enum(['head', 'regional_archive']), orderRef }),
});

export const DisposalActRejectedV1 = defineEvent({
  type: 'DisposalActRejected',
  schemaVersion: 1,
  data: z.strictObject({ actId, reason: freeText(500) }),
});

export const DisposalRecordExecutedV1 = defineEvent({
  type: 'DisposalRecordExecuted',
  schemaVersion: 1,
  data: z.strictObject({ actId, recordId, ...tombstone }),
});

export const DisposalActExecutedV1 = defineEvent({
  type: 'DisposalActExecuted',
  schemaVersion: 1,
  data: z.strictObject({ actId, disposed: z.number().int().min(1) }),
});

export const RETENTION_EVENTS = [
  LegalHoldPlacedV1,
  LegalHoldReleasedV1,
  RecordDisposalStartedV1,
  RecordDisposedV1,
  DisposalActDraftedV1,
  DisposalActApprovedV1,
  DisposalActRejectedV1,
  DisposalRecordExecutedV1,
  DisposalActExecutedV1,
] as const;

export type LegalHoldPlaced = EventOf<typeof LegalHoldPlacedV1>;
export type LegalHoldReleased = EventOf<typeof LegalHoldReleasedV1>;
export type RecordDisposalStarted = EventOf<typeof RecordDisposalStartedV1>;
export type RecordDisposed = EventOf<typeof RecordDisposedV1>;
export type DisposalActDrafted = EventOf<typeof DisposalActDraftedV1>;
export type DisposalActApproved = EventOf<typeof DisposalActApprovedV1>;
export type DisposalActRejected = EventOf<typeof DisposalActRejectedV1>;
export type DisposalRecordExecuted = EventOf<typeof DisposalRecordExecutedV1>;
export type DisposalActExecuted = EventOf<typeof DisposalActExecutedV1>;

/** Events of a `retention-{recordId}` stream. */
export type RecordRetentionEvent =
  LegalHoldPlaced | LegalHoldReleased | RecordDisposalStarted | RecordDisposed;

/** Events of a `disposal-{actId}` stream. */
export type DisposalActEvent =
  | DisposalActDrafted
  | DisposalActApproved
  | DisposalActRejected
  | DisposalRecordExecuted
  | DisposalActExecuted;
