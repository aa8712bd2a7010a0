import { sign, type KeyObject } from 'node:crypto';
import { publicKeyObject } from '../checkpoints/signing-key';
import {
  COSIGNATURE_V1_TYPE,
  matches,
  noteKeyHash,
  verifySafely,
  type NoteSignature,
  type VerifierKey,
} from './signed-note';

/**
 * C2SP tlog-cosignature `cosignature/v1`: a witness signs with Ed25519
 * `cosignature/v1\ntime <unix seconds>\n<checkpoint body>`; the signature line carries the
 * key hash (type byte 0x04), then the time as 8 big-endian bytes, then the 64-byte signature.
 */
export function cosignedMessage(time: number, body: string): Buffer {
  return Buffer.from(`cosignature/v1\ntime ${time}\n${body}`, 'utf8');
}

export interface Cosignature {
  /** The witness's key name. */
  witness: string;
  /** Unix seconds at which the witness signed. */
  time: number;
}

/** The witness and time of a valid cosignature of `body` under `key`, or null. */
export function verifyCosignature(
  body: string,
  signature: NoteSignature,
  key: VerifierKey,
): Cosignature | null {
  if (key.type !== COSIGNATURE_V1_TYPE || !matches(signature, key)) return null;
  if (signature.signature.length !== 8 + 64) return null;
  const time = signature.signature.readBigUInt64BE(0);
  if (time > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const valid = verifySafely(
    cosignedMessage(Number(time), body),
    signature.signature.subarray(8),
    publicKeyObject(key.publicKey),
  );
  return valid ? { witness: key.name, time: Number(time) } : null;
}

/** A cosignature as a witness makes one (tests, and witnesses written in TypeScript). */
export function cosign(
  name: string,
  privateKey: KeyObject,
  publicKey: Buffer,
  body: string,
  time: number,
): NoteSignature {
  const stamp = Buffer.alloc(8);
  stamp.writeBigUInt64BE(BigInt(time), 0);
  const signature = sign(null, cosignedMessage(time, body), privateKey);
  return {
    name,
    keyHash: noteKeyHash(name, COSIGNATURE_V1_TYPE, publicKey),
    signature: Buffer.concat([stamp, signature]),
  };
}
