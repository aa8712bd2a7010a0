import type { PoolClient } from 'pg';

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
 * The stream's applied version, locked until the transaction ends: a second delivery of the
 * same event (a consumer that lost its partition and does not know it yet) waits, then sees it
 * applied. The row is created at 0 and set by `advanceAppliedVersion` in the same transaction.
 */
export async function lockAppliedVersion(client: PoolClient, streamId: string): Promise<number> {
  const { rows } = await client.query<{ version: number }>(
    `INSERT INTO journal_facts.applied_versions (stream_id, version) VALUES ($1, 0)
     ON CONFLICT (stream_id) DO UPDATE SET version = journal_facts.applied_versions.version
     RETURNING version`,
    [streamId],
  );
  return rows[0]?.version ?? 0;
}

export async function advanceAppliedVersion(
  client: PoolClient,
  streamId: string,
  version: number,
): Promise<void> {
  await client.query(
    'UPDATE journal_facts.applied_versions SET version = $2 WHERE stream_id = $1',
    [streamId, version],
  );
}
