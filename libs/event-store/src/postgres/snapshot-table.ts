import { InvalidEventStoreArgumentError } from '../errors';
import type { Snapshot } from '../event-store.port';
import type { Queryable } from './queryable';

/**
 * Keeps the newest snapshot per stream: an older version never replaces a newer one, and a
 * version the stream does not have (state folded from an append that then failed) is refused.
 */
export async function saveSnapshot(
  db: Queryable,
  streamId: string,
  version: number,
  state: unknown,
): Promise<void> {
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new InvalidEventStoreArgumentError('A snapshot version must be a whole number >= 1');
  }
  const result = await db.query<{ found: boolean }>(
    `WITH target AS (
       SELECT EXISTS (SELECT 1 FROM event_store.events
         WHERE stream_id = $1 AND stream_version = $2) AS found
     ), saved AS (
       INSERT INTO event_store.snapshots (stream_id, stream_version, state, saved_at)
       SELECT $1, $2, $3::jsonb, now() FROM target WHERE target.found
       ON CONFLICT (stream_id) DO UPDATE
         SET stream_version = excluded.stream_version, state = excluded.state,
             saved_at = excluded.saved_at
         WHERE snapshots.stream_version < excluded.stream_version
       RETURNING 1
     )
     SELECT found FROM target`,
    [streamId, version, JSON.stringify(state)],
  );
  if (!result.rows[0]?.found) {
    throw new InvalidEventStoreArgumentError(`Stream ${streamId} has no version ${version}`);
  }
}

export async function loadSnapshot<S>(
  db: Queryable,
  streamId: string,
): Promise<Snapshot<S> | null> {
  const result = await db.query<{ stream_version: number; state: S }>(
    'SELECT stream_version, state FROM event_store.snapshots WHERE stream_id = $1',
    [streamId],
  );
  const row = result.rows[0];
  return row ? { streamId, version: row.stream_version, state: row.state } : null;
}
