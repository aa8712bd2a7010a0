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

/** AES-256-GCM with a key from the environment: iv ‖ tag ‖ ciphertext, `aad` authenticated. */
export function seal(plain: Buffer, encryptionKey: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv).setAAD(Buffer.from(aad));
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
}

/** What `seal` sealed with the same key and `aad`; throws for anything else. */
export function unseal(sealed: Buffer, encryptionKey: Buffer, aad: string): Buffer {
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', encryptionKey, iv).setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/** A private key sealed with its kid authenticated. */
export const sealPrivateKey = (der: Buffer, encryptionKey: Buffer, kid: string): Buffer =>
  seal(der, encryptionKey, kid);

export function openPrivateKey(sealed: Buffer, encryptionKey: Buffer, kid: string): KeyObject {
  const der = unseal(sealed, encryptionKey, kid);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}
