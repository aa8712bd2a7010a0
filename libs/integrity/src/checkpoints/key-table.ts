import type { Queryable } from '../db';
import { SigningKeyError } from '../errors';
import { withValidity, type PublicKeyEntry } from './keyring';
import type { CheckpointSigner } from './signing-key';

interface KeyRow {
  key_id: string;
  public_key: Buffer;
  valid_from: Date;
}

/**
 * Lists the signer's public key from `validFrom` on, once; the previous key's validity ends
 * there. Refuses an id already listed with another key and a key a newer one has replaced.
 */
export async function registerSigningKey(
  db: Queryable,
  signer: CheckpointSigner,
  validFrom: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO event_store.signing_keys (key_id, algorithm, public_key, valid_from)
     VALUES ($1, 'Ed25519', $2, $3) ON CONFLICT DO NOTHING`,
    [signer.keyId, signer.publicKey, validFrom],
  );
  await assertCurrentKey(db, signer);
}

/** The signer's key must be listed and be the newest: an old replica must not sign. */
export async function assertCurrentKey(db: Queryable, signer: CheckpointSigner): Promise<void> {
  const { rows } = await db.query<KeyRow>(
    `SELECT key_id, public_key, valid_from FROM event_store.signing_keys
     WHERE key_id = $1 OR public_key = $2
     UNION SELECT * FROM (SELECT key_id, public_key, valid_from FROM event_store.signing_keys
       ORDER BY valid_from DESC LIMIT 1) AS newest`,
    [signer.keyId, signer.publicKey],
  );
  const own = rows.find((row) => row.key_id === signer.keyId);
  if (!own || !own.public_key.equals(signer.publicKey)) {
    throw new SigningKeyError(`Key id ${signer.keyId} is listed with another public key`);
  }
  const other = rows.find(
    (row) => row.key_id !== signer.keyId && row.public_key.equals(signer.publicKey),
  );
  if (other) throw new SigningKeyError(`This public key is already listed as ${other.key_id}`);
  const newer = rows.find((row) => row.valid_from > own.valid_from);
  if (newer) throw new SigningKeyError(`Key ${signer.keyId} was superseded by ${newer.key_id}`);
}

export async function listSigningKeys(db: Queryable): Promise<PublicKeyEntry[]> {
  const { rows } = await db.query<KeyRow>(
    'SELECT key_id, public_key, valid_from FROM event_store.signing_keys',
  );
  return withValidity(
    rows.map((row) => ({
      keyId: row.key_id,
      algorithm: 'Ed25519' as const,
      publicKey: row.public_key.toString('base64'),
      validFrom: row.valid_from.toISOString(),
    })),
  );
}
