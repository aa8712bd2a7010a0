import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import type { JWK } from 'jose';

export interface KeyRow {
  kid: string;
  public_jwk: JWK;
  private_key: Buffer;
  created_at: Date;
  activates_at: Date;
  retired_at: Date | null;
}

export interface LoadedKey extends KeyRow {
  privateKey: KeyObject;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface GeneratedKey {
  publicJwk: JWK;
  privateDer: Buffer;
}

/** A fresh Ed25519 key pair: the public half as a JWK, the private half as PKCS #8 DER. */
export function generateSigningKey(kid: string): GeneratedKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicJwk = {
    ...(publicKey.export({ format: 'jwk' }) as JWK),
    kid,
    alg: 'EdDSA',
    use: 'sig',
  };
  return { publicJwk, privateDer: privateKey.export({ format: 'der', type: 'pkcs8' }) };
}

/** AES-256-GCM with a key from the environment: iv ‖ tag ‖ ciphertext, the kid authenticated. */
export function sealPrivateKey(der: Buffer, encryptionKey: Buffer, kid: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv).setAAD(Buffer.from(kid));
  const sealed = Buffer.concat([cipher.update(der), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
}

export function openPrivateKey(sealed: Buffer, encryptionKey: Buffer, kid: string): KeyObject {
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', encryptionKey, iv).setAAD(Buffer.from(kid));
  decipher.setAuthTag(tag);
  const der = Buffer.concat([
    decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)),
    decipher.final(),
  ]);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}
