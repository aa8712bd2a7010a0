import type { NewEvent } from '@ejournal/contracts';
import type { Pool } from 'pg';
import { judgeStoredIds, type StoredEventId } from '../append/judge-stored-ids';
import { requiredVersion } from '../append/validate-append';
import { StreamDisposedError, WrongExpectedVersionError } from '../errors';
import type { AppendResult, ExpectedVersion, IdempotencyInput } from '../event-store.port';
import {
  appendStatement,
  interpretAppendRows,
  type AppendAttempt,
  type AppendStatementRow,
} from './append-statement';
import { findEarlierRequest } from './idempotency-table';
import { prepareRows } from './prepare-rows';
import type { Queryable } from './queryable';

const UNIQUE_VIOLATION = '23505';
// Bounds the retries of an 'any' append racing other writers and of a lagging clock.
const MAX_ATTEMPTS = 10;

export interface AppendContext {
  clock: () => Date;
  /** Off only to measure what the hash chain costs; the events then carry no hashes. */
  hashing: boolean;
  idempotency?: IdempotencyInput;
}

/**
 * Appends validated events, each attempt its own short transaction (hence a pool, not a client
 * in a transaction). On a refusal, finds out whether this is a retry of a stored append.
 */
export async function appendToStream(
  db: Pool,
  streamId: string,
  expected: ExpectedVersion,
  events: NewEvent[],
  { clock, hashing, idempotency }: AppendContext,
): Promise<AppendResult> {
  let expectedVersion = requiredVersion(expected) ?? (await headVersion(db, streamId));
  let recordedAt = clock().toISOString();
  for (let attempt = 1; ; attempt += 1) {
    const prepared = prepareRows(streamId, expectedVersion, events, recordedAt);
    const outcome = await tryAppend(db, appendStatement(prepared, idempotency, hashing), prepared);
    if (outcome.kind === 'appended') {
      const { positions } = outcome;
      const firstVersion = expectedVersion + 1;
      const lastVersion = expectedVersion + positions.length;
      return { streamId, firstVersion, lastVersion, positions, duplicate: false };
    }
    const earlier = await findEarlierAppend(db, streamId, events, idempotency);
    if (earlier) return earlier;
    if (outcome.kind === 'rejected') throw outcome.error;
    const actual = outcome.kind === 'stale' ? outcome.headVersion : expectedVersion;
    if (attempt === MAX_ATTEMPTS || (outcome.kind === 'stale' && expected !== 'any')) {
      throw new WrongExpectedVersionError(streamId, expected, actual);
    }
    // Keeps recorded_at non-decreasing along a stream, so an as-of read is a prefix of it.
    if (outcome.kind === 'clockBehind') recordedAt = outcome.headRecordedAt;
    else expectedVersion = actual;
  }
}

type Outcome = AppendAttempt | { kind: 'rejected'; error: unknown };

async function tryAppend(
  db: Queryable,
  statement: ReturnType<typeof appendStatement>,
  prepared: Parameters<typeof interpretAppendRows>[0],
): Promise<Outcome> {
  try {
    const result = await db.query<AppendStatementRow>(statement);
    return interpretAppendRows(prepared, result.rows);
  } catch (error) {
    if (isDisposedRefusal(error)) throw new StreamDisposedError(prepared.streamId);
    if (!isUniqueViolation(error)) throw error;
    if (error.constraint === 'events_stream_version_key') {
      return { kind: 'stale', headVersion: await headVersion(db, prepared.streamId) };
    }
    return { kind: 'rejected', error };
  }
}

async function findEarlierAppend(
  db: Queryable,
  streamId: string,
  events: NewEvent[],
  idempotency?: IdempotencyInput,
): Promise<AppendResult | null> {
  const record = idempotency ? await findEarlierRequest(db, idempotency) : null;
  if (record) {
    const { firstVersion, lastVersion, positions, response } = record;
    const base = { streamId: record.streamId, firstVersion, lastVersion, positions };
    return { ...base, duplicate: true, storedResponse: response };
  }
  const ids = events.map((event) => event.eventId);
  const stored = await db.query<StoredEventId>(
    `SELECT event_id::text AS "eventId", stream_id AS "streamId",
       stream_version AS "streamVersion", global_position::text AS "globalPosition"
     FROM event_store.events WHERE event_id = ANY($1::uuid[])`,
    [ids],
  );
  const verdict = judgeStoredIds(streamId, ids, stored.rows);
  if (verdict.kind === 'none') return null;
  const { firstVersion, lastVersion, positions } = verdict;
  return { streamId, firstVersion, lastVersion, positions, duplicate: true };
}

export async function headVersion(db: Queryable, streamId: string): Promise<number> {
  const result = await db.query<{ version: number }>(
    `SELECT coalesce(max(stream_version), 0) AS version
     FROM event_store.events WHERE stream_id = $1`,
    [streamId],
  );
  return result.rows[0]?.version ?? 0;
}

// Raised by the events table's insert trigger (migration 006), named by its hint.
function isDisposedRefusal(error: unknown): boolean {
  return (error as { hint?: unknown } | null)?.hint === 'ejournal:stream_disposed';
}

function isUniqueViolation(error: unknown): error is { code: string; constraint?: string } {
  return (error as { code?: unknown } | null)?.code === UNIQUE_VIOLATION;
}
