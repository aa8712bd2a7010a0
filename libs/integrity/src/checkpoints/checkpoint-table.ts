import type { Queryable } from '../db';
import type { SignedCheckpoint } from './checkpoint-format';

// Aliases differ from the columns: ORDER BY would otherwise sort by the text casts.
const COLUMNS = `checkpoint_id::text AS id, log_id, tree_size::text AS size, root_hash,
  signed_at, key_id, signature`;

interface CheckpointRow {
  id: string;
  log_id: string;
  size: string;
  root_hash: Buffer;
  signed_at: Date;
  key_id: string;
  signature: Buffer;
}

const toCheckpoint = (row: CheckpointRow): SignedCheckpoint => ({
  checkpointId: row.id,
  logId: row.log_id,
  treeSize: Number(row.size),
  rootHash: row.root_hash.toString('hex'),
  signedAt: row.signed_at.toISOString(),
  keyId: row.key_id,
  signature: row.signature.toString('base64'),
});

export async function insertCheckpoint(
  db: Queryable,
  checkpoint: SignedCheckpoint,
): Promise<SignedCheckpoint> {
  const { rows } = await db.query<CheckpointRow>(
    `INSERT INTO event_store.checkpoints (log_id, tree_size, root_hash, signed_at, key_id,
       signature) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [
      checkpoint.logId,
      checkpoint.treeSize,
      Buffer.from(checkpoint.rootHash, 'hex'),
      checkpoint.signedAt,
      checkpoint.keyId,
      Buffer.from(checkpoint.signature, 'base64'),
    ],
  );
  return toCheckpoint(rows[0] as CheckpointRow);
}

/** Every stored checkpoint, oldest first. */
export async function listCheckpoints(db: Queryable): Promise<SignedCheckpoint[]> {
  const { rows } = await db.query<CheckpointRow>(
    `SELECT ${COLUMNS} FROM event_store.checkpoints ORDER BY checkpoint_id`,
  );
  return rows.map(toCheckpoint);
}

/** The checkpoint with this id, or the latest when no id is given. */
export async function findCheckpoint(
  db: Queryable,
  checkpointId?: string,
): Promise<SignedCheckpoint | null> {
  const { rows } = await db.query<CheckpointRow>(
    checkpointId === undefined
      ? `SELECT ${COLUMNS} FROM event_store.checkpoints ORDER BY checkpoint_id DESC LIMIT 1`
      : `SELECT ${COLUMNS} FROM event_store.checkpoints WHERE checkpoint_id = $1`,
    checkpointId === undefined ? [] : [checkpointId],
  );
  return rows[0] ? toCheckpoint(rows[0]) : null;
}

/** The `count` latest stored checkpoints, oldest first. */
export async function recentCheckpoints(db: Queryable, count: number): Promise<SignedCheckpoint[]> {
  const { rows } = await db.query<CheckpointRow>(
    `SELECT * FROM (SELECT ${COLUMNS} FROM event_store.checkpoints
       ORDER BY checkpoint_id DESC LIMIT $1) AS latest ORDER BY id::bigint`,
    [count],
  );
  return rows.map(toCheckpoint);
}

/** The stored checkpoint just before `checkpointId`, or null for the log's first. */
export async function previousCheckpoint(
  db: Queryable,
  checkpointId: string,
): Promise<SignedCheckpoint | null> {
  const { rows } = await db.query<CheckpointRow>(
    `SELECT ${COLUMNS} FROM event_store.checkpoints WHERE checkpoint_id < $1
     ORDER BY checkpoint_id DESC LIMIT 1`,
    [checkpointId],
  );
  return rows[0] ? toCheckpoint(rows[0]) : null;
}
