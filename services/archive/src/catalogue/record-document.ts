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
  signatures: { signedBy: string; role: string; at: string; algorithm: string }[];
  actions: RecordAction[];
}
