import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { SigningKeyError } from '../errors';

/** The private key that signs checkpoints, with the id its public half is listed under. */
export interface CheckpointSigner {
  keyId: string;
  privateKey: KeyObject;
  /** The raw 32-byte Ed25519 public key. */
  publicKey: Buffer;
}

// DER of a PKCS #8 Ed25519 private key up to its 32-byte seed (RFC 8410 §7).
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * Reads the signing key from configuration: a PKCS #8 PEM (`openssl genpkey -algorithm
 * ed25519`) or the base64 of the 32-byte seed. Without an explicit id the key is named after
 * its public key, so a rotated key can never take an old key's name.
 */
export function loadSigningKey(material: string, keyId?: string): CheckpointSigner {
  const privateKey = parsePrivateKey(material.trim());
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new SigningKeyError(
      `The checkpoint key must be Ed25519, not ${privateKey.asymmetricKeyType}`,
    );
  }
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  return { keyId: keyId ?? defaultKeyId(publicKey), privateKey, publicKey };
}

function parsePrivateKey(material: string): KeyObject {
  try {
    if (material.includes('-----BEGIN')) return createPrivateKey(material);
    const seed = Buffer.from(material, 'base64');
    if (seed.length !== 32) throw new Error(`a raw seed has 32 bytes, this has ${seed.length}`);
    const der = Buffer.concat([PKCS8_ED25519_PREFIX, seed]);
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch (error) {
    throw new SigningKeyError(`Unreadable checkpoint key: ${(error as Error).message}`);
  }
}

export function defaultKeyId(publicKey: Buffer): string {
  return `ed25519-${createHash('sha256').update(publicKey).digest('hex').slice(0, 16)}`;
}

export function rawPublicKey(key: KeyObject): Buffer {
  const { x } = key.export({ format: 'jwk' });
  if (typeof x !== 'string') throw new SigningKeyError('Not an Ed25519 public key');
  return Buffer.from(x, 'base64url');
}

export function publicKeyObject(raw: Buffer): KeyObject {
  if (raw.length !== 32) throw new SigningKeyError('An Ed25519 public key has 32 bytes');
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
    format: 'jwk',
  });
}
