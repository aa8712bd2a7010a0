/** What the verifier can find wrong, as stable codes a machine can act on. */
export const PROBLEM_CODES = {
  HASH_MISMATCH: "the event's bytes do not hash to its stored hash (altered payload)",
  HASH_MISSING: 'the event has no hash',
  CHAIN_BROKEN: "the event's prevHash is not the previous event's hash",
  VERSION_GAP: 'stream versions are missing',
  VERSION_ORDER: 'a stream version repeats or goes back',
  COLUMN_MISMATCH: "the event's columns disagree with its hashed bytes",
  PAYLOAD_MISSING: 'the payload is gone but no disposal covers it',
  DISPOSAL_MISMATCH: 'the stream differs from what its disposal tombstone recorded',
  EVENT_MISSING: 'the log has a leaf for an event that is gone',
  EVENT_NOT_LOGGED: 'an event inside the logged range is not in the log',
  LEAF_MISMATCH: 'the logged leaf differs from the event (hash, stream or version)',
  LEAF_ORDER: 'leaf indexes skip or leaves are out of the safe order',
  ROOT_MISMATCH: "the log's recomputed root differs from a signed checkpoint",
  LOG_TRUNCATED: 'a checkpoint covers more leaves than the log has',
  SIGNATURE_INVALID: "a checkpoint's signature does not verify",
  KEY_UNKNOWN: 'a checkpoint names a key the keyring does not list',
  KEY_NOT_VALID: 'a checkpoint was signed outside its key’s validity',
  CHECKPOINT_MISSING: 'a published checkpoint is not in the database',
  CHECKPOINT_MISMATCH: 'a published checkpoint differs from the stored one',
  NOTE_MISMATCH: "a published checkpoint's note does not carry the checkpoint's signed body",
  WITNESS_QUORUM: 'a published checkpoint has fewer witness cosignatures than the policy asks',
} as const;

export type ProblemCode = `INTEGRITY.${keyof typeof PROBLEM_CODES}`;

/** Where in the record a problem is: as much of it as the verifier can name. */
export interface Location {
  streamId: string | null;
  streamVersion: number | null;
  globalPosition: string | null;
  leafIndex: number | null;
}

export interface Problem extends Location {
  code: ProblemCode;
  message: string;
  checkpoint?: { checkpointId: string | null; treeSize: number; source: 'database' | 'published' };
  /** For a root mismatch: the leaves [from, to) the change lies in; the location is `from`. */
  leafRange?: { from: number; to: number };
}

export const NOWHERE: Location = {
  streamId: null,
  streamVersion: null,
  globalPosition: null,
  leafIndex: null,
};

export function problem(
  code: keyof typeof PROBLEM_CODES,
  at: Partial<Location>,
  detail: string,
  extra: Pick<Problem, 'checkpoint' | 'leafRange'> = {},
): Problem {
  return {
    code: `INTEGRITY.${code}`,
    ...NOWHERE,
    ...at,
    message: `${PROBLEM_CODES[code]}: ${detail}`,
    ...extra,
  };
}

/** Keeps the first `max` problems in the order found, counting the rest. */
export class ProblemLog {
  readonly problems: Problem[] = [];
  omitted = 0;

  constructor(private readonly max: number) {}

  add(found: Problem | null | undefined): void {
    if (!found) return;
    if (this.problems.length < this.max) this.problems.push(found);
    else this.omitted += 1;
  }
}
