import type { IntegrityCheckpoint } from '@ejournal/contracts';
import type { PoolClient } from 'pg';
import type { HeldCheckpoint, Verdict } from './judge-checkpoint';

/** `archive.checkpoints`, read and appended within the caller's transaction. */
export class CheckpointRows {
  constructor(private readonly db: PoolClient) {}

  /** Serialises the checks of one log's checkpoints across replicas, until commit. */
  async lockLog(logId: string): Promise<void> {
    await this.db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `archive.checkpoints:${logId}`,
    ]);
  }

  async stored(logId: string, checkpointId: string): Promise<string | null> {
    const { rows } = await this.db.query<{ message: string }>(
      'SELECT message FROM archive.checkpoints WHERE log_id = $1 AND checkpoint_id = $2',
      [logId, checkpointId],
    );
    return rows[0]?.message ?? null;
  }

  /** The latest checkpoint of the log that passed its checks. */
  async lastGood(logId: string): Promise<HeldCheckpoint | null> {
    const { rows } = await this.db.query<{ id: string; size: string; root: Buffer }>(
      `SELECT checkpoint_id::text AS id, tree_size::text AS size, root_hash AS root
       FROM archive.checkpoints WHERE log_id = $1 AND verdict <> 'failed'
       ORDER BY checkpoint_id DESC LIMIT 1`,
      [logId],
    );
    const row = rows[0];
    return row
      ? { checkpointId: row.id, treeSize: Number(row.size), rootHash: row.root.toString('hex') }
      : null;
  }

  /** The public key first accepted under this log and key id: pinned from then on. */
  async pinnedKey(logId: string, keyId: string): Promise<Buffer | null> {
    const { rows } = await this.db.query<{ public_key: Buffer }>(
      `SELECT public_key FROM archive.checkpoints
       WHERE log_id = $1 AND key_id = $2 AND verdict <> 'failed'
       ORDER BY checkpoint_id LIMIT 1`,
      [logId, keyId],
    );
    return rows[0]?.public_key ?? null;
  }

  async insert(checkpoint: IntegrityCheckpoint, message: string, verdict: Verdict): Promise<void> {
    const failed = verdict.verdict === 'failed' ? verdict : null;
    await this.db.query(
      `INSERT INTO archive.checkpoints (log_id, checkpoint_id, service, tree_size, root_hash,
         signed_at, key_id, public_key, signature, message, verdict, problem_code, problem)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        checkpoint.logId,
        checkpoint.checkpointId,
        checkpoint.service,
        checkpoint.treeSize,
        Buffer.from(checkpoint.rootHash, 'hex'),
        checkpoint.signedAt,
        checkpoint.keyId,
        Buffer.from(checkpoint.publicKey, 'base64'),
        Buffer.from(checkpoint.signature, 'base64'),
        message,
        verdict.verdict,
        failed?.code ?? null,
        failed?.problem ?? null,
      ],
    );
  }

  async insertConflict(logId: string, checkpointId: string, message: string): Promise<void> {
    await this.db.query(
      `INSERT INTO archive.checkpoint_conflicts (log_id, checkpoint_id, message)
       VALUES ($1, $2, $3)`,
      [logId, checkpointId, message],
    );
  }
}
