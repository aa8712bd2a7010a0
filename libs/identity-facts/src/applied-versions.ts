import { ReadModelGapError } from '@ejournal/messaging';
import { inTransaction } from '@ejournal/write-path';
import type { Pool, PoolClient } from 'pg';

/**
 * What to do with version `incoming` of a stream whose facts are applied up to `applied`.
 * Kafka keeps a stream's events in order (one key, one partition), and the relay republishes
 * at least once, so an old version is a redelivery; a version beyond the next one means an
 * event in between never arrived or was dead-lettered.
 */
export function versionVerdict(applied: number, incoming: number): 'apply' | 'duplicate' | 'gap' {
  if (incoming <= applied) return 'duplicate';
  return incoming === applied + 1 ? 'apply' : 'gap';
}

/**
 * The stream's applied version in `table` (`<schema>.applied_versions`), locked until the
 * transaction ends: a second delivery of the same event (a consumer that lost its partition
 * and does not know it yet) waits, then sees it applied. The row is created at 0 and set by
 * `advanceAppliedVersion` in the same transaction.
 */
export async function lockAppliedVersion(
  client: PoolClient,
  table: string,
  streamId: string,
): Promise<number> {
  const { rows } = await client.query<{ version: number }>(
    `INSERT INTO ${table} (stream_id, version) VALUES ($1, 0)
     ON CONFLICT (stream_id) DO UPDATE SET version = ${table}.version
     RETURNING version`,
    [streamId],
  );
  return rows[0]?.version ?? 0;
}

export async function advanceAppliedVersion(
  client: PoolClient,
  table: string,
  streamId: string,
  version: number,
): Promise<void> {
  await client.query(`UPDATE ${table} SET version = $2 WHERE stream_id = $1`, [streamId, version]);
}

export interface StreamEvent {
  streamId: string;
  streamVersion: number;
}

/**
 * Applies one event in one transaction together with its stream's version in `table`, so a
 * redelivery or a replay changes nothing (`duplicate`). A gap (a version beyond the next one)
 * throws ReadModelGapError and applies nothing: the consumer retries, then dead-letters, and
 * every later event of that stream does the same until the stream is applied again in order.
 */
export function applyInStreamOrder<E extends StreamEvent, R>(
  pool: Pool,
  table: string,
  event: E,
  apply: (client: PoolClient, event: E) => Promise<R>,
): Promise<R | 'duplicate'> {
  return inTransaction(pool, async (client) => {
    const applied = await lockAppliedVersion(client, table, event.streamId);
    const verdict = versionVerdict(applied, event.streamVersion);
    if (verdict === 'duplicate') return 'duplicate';
    if (verdict === 'gap') {
      throw new ReadModelGapError(table, event.streamId, event.streamVersion, applied);
    }
    const outcome = await apply(client, event);
    await advanceAppliedVersion(client, table, event.streamId, event.streamVersion);
    return outcome;
  });
}
