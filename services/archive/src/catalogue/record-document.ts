import type { RecordKind, Retention } from './retention';

/** One action on a record (GOST R ISO 15489-1 §9.2: what was done, by whom, when). */
export interface RecordAction {
  action:
    'captured' | 'corrected' | 'period_closed' | 'period_reopened' | 'decision_recorded' | 'sealed';
  /** The source event: its type, id and place in the stream. */
  eventType: string;
  eventId: string;
  streamVersion: number;
  /** When the store recorded it. */
  at: string;
  by: string;
  role: string;
  onBehalfOf: string | null;
  authorisedBy: string | null;
  orderRef: string | null;
  reason: string | null;
}

/**
 * A catalogue record: a journal of a school year, or a class's summary grade sheet of a year.
 * Ids only, never names (R11): titles name the kind, subject, group or class and year.
 */
export interface RecordDocument {
  _id: string;
  /** Permanent identifier: `ejournal:{regionId}:{streamId}`. */
  identifier: string;
  kind: RecordKind;
  title: string;
  regionId: string;
  /** The creator: the school that keeps the record. */
  schoolId: string;
  academicYear: string;
  startYear: number;
  /** The journal's kind (lesson, elective, club, …) or `summary_sheet`. */
  activityKind: string;
  subjectId: string | null;
  groupId: string | null;
  classId: string | null;
  streamId: string;
  dates: { created: string; lastChanged: string; sealed: string | null };
  retention: Retention;
  status: 'open' | 'sealed';
  /** The chain hash of the stream's last event: it covers every event before it. */
  contentHash: { algorithm: 'sha-256-chain'; value: string | null; streamVersion: number };
  /** Detached signatures of the year-end document; none before it is produced and signed. */
  signatures: RecordSignature[];
  /** The year-end document (PDF) of the record's latest printed version; null before. */
  document?: RecordedDocument | null;
  actions: RecordAction[];
}

/** A year-end document in the document store (`src/documents`). */
export interface RecordedDocument {
  /** `sha256:<hex>` in the document store. */
  ref: string;
  size: number;
  contentType: string;
  /** The source stream's version it prints. */
  sourceVersion: number;
  producedAt: string;
  /** The detached CMS signature (`.p7s`) with every signature so far; null before the first. */
  signatureRef: string | null;
}

/** One signature of the document (`src/signing`): who, when, with which certificate. */
export interface RecordSignature {
  signedBy: string;
  role: string;
  at: string;
  algorithm: string;
  documentRef?: string;
  signatureRef?: string;
  countersigns?: string | null;
  certificateSha256?: string;
  timestampTime?: string | null;
}
