import type { GlobalCheckpoint } from '../event-store.port';
import type { Queryable } from './queryable';

export async function loadCheckpoint(
  db: Queryable,
  name: string,
): Promise<GlobalCheckpoint | null> {
  const result = await db.query<GlobalCheckpoint>(
    `SELECT transaction_id::text AS "txId", global_position::text AS position
     FROM event_store.subscription_checkpoints WHERE name = $1`,
    [name],
  );
  return result.rows[0] ?? null;
}

export async function saveCheckpoint(
  db: Queryable,
  name: string,
  checkpoint: GlobalCheckpoint,
): Promise<void> {
  await db.query(
    `INSERT INTO event_store.subscription_checkpoints
       (name, transaction_id, global_position, updated_at)
     VALUES ($1, $2::xid8, $3::bigint, now())
     ON CONFLICT (name) DO UPDATE SET transaction_id = excluded.transaction_id,
       global_position = excluded.global_position, updated_at = excluded.updated_at`,
    [name, checkpoint.txId, checkpoint.position],
  );
}
