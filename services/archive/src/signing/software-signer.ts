import { createHash, createPrivateKey, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { DocumentSigner, SigningKey } from './document-signer';
import { OID } from './oids';

export interface SoftwareKeyFiles {
  /** PEM: the PKCS#8 private key (ECDSA P-256 or RSA). */
  keyFile: string;
  /** PEM: the signer's certificate, then any intermediate certificates. */
  certificateFile: string;
}

const pemBlocks = (pem: string): Uint8Array[] =>
  [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/g)].map(
    (match) => new Uint8Array(Buffer.from((match[1] as string).replace(/\s+/g, ''), 'base64')),
  );

/** A key in files, SHA-256 with ECDSA or RSA (PKCS#1 v1.5): for local use and tests only. */
export async function softwareKey(files: SoftwareKeyFiles): Promise<SigningKey> {
  const privateKey = createPrivateKey(await readFile(files.keyFile, 'utf8'));
  const [certificate, ...chain] = pemBlocks(await readFile(files.certificateFile, 'utf8'));
  if (!certificate) throw new Error(`${files.certificateFile} holds no certificate`);
  const x509 = new X509Certificate(certificate);
  if (!x509.checkPrivateKey(privateKey))
    throw new Error(`${files.keyFile} is not the key of ${files.certificateFile}`);
  return keyOf(privateKey, certificate, chain);
}

function keyOf(privateKey: KeyObject, certificate: Uint8Array, chain: Uint8Array[]): SigningKey {
  const type = privateKey.asymmetricKeyType;
  if (type !== 'ec' && type !== 'rsa') throw new Error(`unsupported key type ${type}`);
  return {
    certificate,
    chain,
    digestAlgorithm: { oid: OID.sha256 },
    signatureAlgorithm:
      type === 'ec'
        ? { oid: OID.ecdsaWithSha256 }
        : { oid: OID.sha256WithRsa, parameters: new Uint8Array([0x05, 0x00]) },
    digest: async (data) => new Uint8Array(createHash('sha256').update(data).digest()),
    sign: async (data) =>
      new Uint8Array(sign('sha256', data, { key: privateKey, dsaEncoding: 'der' })),
  };
}

/**
 * Software keys by person: `<dir>/<personId>.key.pem` with `<dir>/<personId>.cert.pem`, and
 * `default.key.pem`/`default.cert.pem` for anyone without their own (a local demo's head).
 */
export class SoftwareDocumentSigner implements DocumentSigner {
  readonly name = 'software';
  private readonly keys = new Map<string, Promise<SigningKey | null>>();

  constructor(private readonly dir: string) {}

  keyFor(personId: string): Promise<SigningKey | null> {
    let key = this.keys.get(personId);
    if (!key) {
      key = this.load(personId).then((own) => own ?? this.load('default'));
      this.keys.set(personId, key);
    }
    return key;
  }

  private async load(name: string): Promise<SigningKey | null> {
    if (!/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(name)) return null;
    const files = {
      keyFile: `${this.dir}/${name}.key.pem`,
      certificateFile: `${this.dir}/${name}.cert.pem`,
    };
    try {
      return await softwareKey(files);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}
