import type { SignedCheckpoint } from '../checkpoints/checkpoint-format';
import type { PublicKeyEntry } from '../checkpoints/keyring';
import type { OrderKey } from '../db';

/** One events row as stored, in the readers' safe order. */
export interface EventRecord extends OrderKey {
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: string;
  /** The `recorded_at` column as ISO-8601 in milliseconds. */
  recordedAt: string;
  /** The hashed bytes; null once the stream was disposed. */
  canonical: Buffer | null;
  prevHash: Buffer | null;
  hash: Buffer | null;
  /** Its leaf in the Merkle log, when the source was asked for it (exports are). */
  leafIndex?: number | null;
}

/** One leaf of the Merkle log, in leaf index order. */
export interface LeafRecord extends OrderKey {
  leafIndex: number;
  streamId: string;
  streamVersion: number;
  eventHash: Buffer;
}

/** What `event_store.dispose_stream` left behind. */
export interface Tombstone {
  streamId: string;
  actReference: string;
  disposedBy: string;
  executedBy: string;
  disposedAt: string;
  eventCount: number;
  lastVersion: number;
  lastHash: Buffer | null;
}

/** The store as a verifier reads it: from the database, or from an export file. */
export interface VerificationInput {
  /** Names the source in the report, without secrets. */
  readonly description: string;
  /** Every event in the readers' safe order, a batch at a time (per-item async steps cost). */
  events(): AsyncIterable<EventRecord[]>;
  /** Every leaf in leaf index order, a batch at a time. */
  leaves(): AsyncIterable<LeafRecord[]>;
  checkpoints(): Promise<SignedCheckpoint[]>;
  /** The keys the source itself lists: not independent of it. */
  keys(): Promise<PublicKeyEntry[]>;
  disposals(): Promise<Tombstone[]>;
  close(): Promise<void>;
}
