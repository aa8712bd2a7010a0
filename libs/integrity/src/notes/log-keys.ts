import { listSigningKeys } from '../checkpoints/key-table';
import type { Queryable } from '../db';
import { logVerifierKey } from './checkpoint-note';

export interface LogVerifierKey {
  logId: string;
  keyId: string;
  /** `<log id>+<key hash>+<base64(0x01 || key)>`, as note verifiers take it. */
  verifierKey: string;
}

/** The verifier key of every (log, key) pair that signed a stored checkpoint, and of `current`. */
export async function logVerifierKeys(
  db: Queryable,
  current?: { logId: string; keyId: string },
): Promise<LogVerifierKey[]> {
  const { rows } = await db.query<{ log_id: string; key_id: string }>(
    'SELECT DISTINCT log_id, key_id FROM event_store.checkpoints ORDER BY log_id, key_id',
  );
  const pairs = rows.map((row) => ({ logId: row.log_id, keyId: row.key_id }));
  if (current && !pairs.some((p) => p.logId === current.logId && p.keyId === current.keyId)) {
    pairs.push(current);
  }
  const keys = new Map((await listSigningKeys(db)).map((k) => [k.keyId, k.publicKey]));
  return pairs.flatMap(({ logId, keyId }) => {
    const key = keys.get(keyId);
    return key
      ? [{ logId, keyId, verifierKey: logVerifierKey(logId, Buffer.from(key, 'base64')) }]
      : [];
  });
}
