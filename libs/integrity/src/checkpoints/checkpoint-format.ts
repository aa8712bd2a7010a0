import { sign, verify, type KeyObject } from 'node:crypto';

/** What a checkpoint states: the log `logId` had `treeSize` leaves with this root. */
export interface CheckpointFields {
  /** The log's permanent name (its origin): a checkpoint of one store proves nothing of another. */
  logId: string;
  treeSize: number;
  /** Hex SHA-256 Merkle tree hash (RFC 9162 MTH) of the first `treeSize` leaves. */
  rootHash: string;
  /** ISO-8601 instant of signing, in milliseconds. */
  signedAt: string;
  keyId: string;
}

export interface SignedCheckpoint extends CheckpointFields {
  /** Base64 Ed25519 signature of {@link checkpointBody}. */
  signature: string;
  /** The database's row id, absent in checkpoints that were not read from a store. */
  checkpointId?: string;
  /**
   * As published with witnesses: the C2SP signed note (this checkpoint's body, the log's
   * signature and the witnesses' cosignatures). Never stored in the checkpoints table.
   */
  note?: string;
}

/**
 * The signed bytes, a C2SP tlog-checkpoint note body (origin, size, base64 root) with the time
 * and key as extension lines. An auditor can check a signature with stock tools:
 * `openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in body -sigfile sig`.
 */
export function checkpointBody(fields: CheckpointFields): Buffer {
  const { logId, treeSize, rootHash, signedAt, keyId } = fields;
  if (/[\n\r]/.test(logId) || /[\n\r]/.test(keyId)) {
    throw new RangeError('A log id and a key id are single lines');
  }
  const root = Buffer.from(rootHash, 'hex').toString('base64');
  return Buffer.from(`${logId}\n${treeSize}\n${root}\ntime ${signedAt}\nkey ${keyId}\n`, 'utf8');
}

export function signCheckpoint(fields: CheckpointFields, privateKey: KeyObject): SignedCheckpoint {
  const signature = sign(null, checkpointBody(fields), privateKey).toString('base64');
  return { ...fields, signature };
}

export function checkpointSignatureValid(
  checkpoint: SignedCheckpoint,
  publicKey: KeyObject,
): boolean {
  try {
    const signature = Buffer.from(checkpoint.signature, 'base64');
    return verify(null, checkpointBody(checkpoint), publicKey, signature);
  } catch {
    return false;
  }
}

/** The fields two copies of one checkpoint (stored and published) must agree on. */
export function sameCheckpoint(a: SignedCheckpoint, b: SignedCheckpoint): boolean {
  return (
    a.logId === b.logId &&
    a.treeSize === b.treeSize &&
    a.rootHash === b.rootHash &&
    a.signedAt === b.signedAt &&
    a.keyId === b.keyId &&
    a.signature === b.signature
  );
}
