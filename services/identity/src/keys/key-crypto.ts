import { seal, unseal } from '@ejournal/config';
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
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

/** A private key sealed with its kid authenticated. */
export const sealPrivateKey = (der: Buffer, encryptionKey: Buffer, kid: string): Buffer =>
  seal(der, encryptionKey, kid);

export function openPrivateKey(sealed: Buffer, encryptionKey: Buffer, kid: string): KeyObject {
  const der = unseal(sealed, encryptionKey, kid);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}
