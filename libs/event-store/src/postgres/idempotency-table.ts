import { IdempotencyKeyReusedError } from '../errors';
import type { IdempotencyKey, IdempotencyRecord } from '../event-store.port';
import type { Queryable } from './queryable';

interface IdempotencyRow {
  caller: string;
  route: string;
  key: string;
  body_hash: string;
  response: unknown;
  stream_id: string;
  first_version: number;
  last_version: number;
  positions: string[];
  recorded_at: Date;
}

export async function findIdempotencyRecord(
  db: Queryable,
  caller: string,
  route: string,
  key: string,
): Promise<IdempotencyRecord | null> {
  const result = await db.query<IdempotencyRow>(
    `SELECT caller, route, key, body_hash, response, stream_id, first_version, last_version,
       positions::text[] AS positions, recorded_at
     FROM event_store.idempotency_records WHERE caller = $1 AND route = $2 AND key = $3`,
    [caller, route, key],
  );
  const row = result.rows[0];
  if (!row) return null;
  return {
    caller: row.caller,
    route: row.route,
    key: row.key,
    bodyHash: row.body_hash,
    response: row.response,
    streamId: row.stream_id,
    firstVersion: row.first_version,
    lastVersion: row.last_version,
    positions: row.positions,
    recordedAt: row.recorded_at.toISOString(),
  };
}

/** The one rule: a key answers only a retry of the same body; another body is refused. */
export async function findEarlierRequest(
  db: Queryable,
  { caller, route, key, bodyHash }: IdempotencyKey,
): Promise<IdempotencyRecord | null> {
  const record = await findIdempotencyRecord(db, caller, route, key);
  if (record && record.bodyHash !== bodyHash) {
    throw new IdempotencyKeyReusedError(caller, route, key);
  }
  return record;
}
