import type { Queryable } from '../db';
import type { NoteSignature } from '../notes/signed-note';

/** A witness's refusal of a checkpoint, as kept beside it. */
export interface WitnessRefusal {
  witness: string;
  /** The HTTP status it answered. */
  status: number;
  detail: string;
  refusedAt: string;
}

export async function insertCosignature(
  db: Queryable,
  checkpointId: string,
  cosignature: NoteSignature,
  cosignedAt: Date,
): Promise<void> {
  const keyHash = Buffer.alloc(4);
  keyHash.writeUInt32BE(cosignature.keyHash, 0);
  await db.query(
    `INSERT INTO event_store.witness_cosignatures (checkpoint_id, witness, key_hash, signature,
       cosigned_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
    [checkpointId, cosignature.name, keyHash, cosignature.signature, cosignedAt],
  );
}

export async function insertRefusal(
  db: Queryable,
  checkpointId: string,
  refusal: Omit<WitnessRefusal, 'refusedAt'>,
): Promise<void> {
  await db.query(
    `INSERT INTO event_store.witness_refusals (checkpoint_id, witness, status, detail)
     VALUES ($1, $2, $3, $4)`,
    [checkpointId, refusal.witness, refusal.status, refusal.detail],
  );
}

/** The cosignatures kept for a checkpoint, by witness name. */
export async function cosignaturesOf(
  db: Queryable,
  checkpointId: string,
): Promise<NoteSignature[]> {
  const { rows } = await db.query<{ witness: string; key_hash: Buffer; signature: Buffer }>(
    `SELECT witness, key_hash, signature FROM event_store.witness_cosignatures
     WHERE checkpoint_id = $1 ORDER BY witness`,
    [checkpointId],
  );
  return rows.map((row) => ({
    name: row.witness,
    keyHash: row.key_hash.readUInt32BE(0),
    signature: row.signature,
  }));
}

export async function refusalsOf(db: Queryable, checkpointId: string): Promise<WitnessRefusal[]> {
  const { rows } = await db.query<{
    witness: string;
    status: number;
    detail: string;
    refused_at: Date;
  }>(
    `SELECT witness, status, detail, refused_at FROM event_store.witness_refusals
     WHERE checkpoint_id = $1 ORDER BY witness, refusal_id`,
    [checkpointId],
  );
  return rows.map((row) => ({
    witness: row.witness,
    status: row.status,
    detail: row.detail,
    refusedAt: row.refused_at.toISOString(),
  }));
}

/** The largest tree size the witness cosigned in this store, 0 when none. */
export async function lastCosignedSize(db: Queryable, witness: string): Promise<number> {
  const { rows } = await db.query<{ size: string | null }>(
    `SELECT max(c.tree_size)::text AS size FROM event_store.witness_cosignatures AS w
     JOIN event_store.checkpoints AS c USING (checkpoint_id) WHERE w.witness = $1`,
    [witness],
  );
  return Number(rows[0]?.size ?? 0);
}

/** Whether the store holds a checkpoint at least `size` leaves long. */
export async function hasCheckpointOfSize(db: Queryable, size: number): Promise<boolean> {
  const { rows } = await db.query(
    'SELECT 1 FROM event_store.checkpoints WHERE tree_size >= $1 LIMIT 1',
    [size],
  );
  return rows.length > 0;
}

/** Every cosignature kept, by checkpoint id (the verifier's and the export's view). */
export async function allCosignatures(db: Queryable): Promise<Map<string, NoteSignature[]>> {
  const { rows } = await db.query<{
    id: string;
    witness: string;
    key_hash: Buffer;
    signature: Buffer;
  }>(
    `SELECT checkpoint_id::text AS id, witness, key_hash, signature
     FROM event_store.witness_cosignatures ORDER BY checkpoint_id, witness`,
  );
  const byCheckpoint = new Map<string, NoteSignature[]>();
  for (const row of rows) {
    const list = byCheckpoint.get(row.id) ?? [];
    list.push({
      name: row.witness,
      keyHash: row.key_hash.readUInt32BE(0),
      signature: row.signature,
    });
    byCheckpoint.set(row.id, list);
  }
  return byCheckpoint;
}
