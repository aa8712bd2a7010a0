/**
 * The signing port. A software key (PKCS#8 and X.509 files, `software-signer.ts`) serves local
 * use and tests; a qualified signature under 63-FZ needs a GOST R 34.10-2012 key held by a
 * certified cryptographic provider (CryptoPro CSP, an HSM, a smart card), which implements the
 * same two interfaces:
 *
 * - `digestAlgorithm` / `digest`: GOST R 34.11-2012 (Streebog-256, OID 1.2.643.7.1.1.2.2);
 *   WebCrypto has none, so the provider hashes.
 * - `signatureAlgorithm`: GOST R 34.10-2012 with 256-bit key (OID 1.2.643.7.1.1.1.1), no
 *   parameters; `sign` returns the signature value as CMS carries it (R4 § 4.3 of RFC 4490 /
 *   RFC 9215: the 64-byte `s || r`, little-endian as the provider gives it).
 * - `certificate`: the qualified certificate's DER, and its issuing chain.
 *
 * The CMS structure around it (`cades.ts`) does not change: the signing-certificate-v2
 * attribute then names the GOST hash of the certificate.
 */
export interface AlgorithmOid {
  oid: string;
  /** DER of the parameters; absent when the algorithm has none (ECDSA, GOST), NULL for RSA. */
  parameters?: Uint8Array | null;
}

export interface SigningKey {
  /** DER of the signer's X.509 certificate. */
  certificate: Uint8Array;
  /** DER of the certificates that issued it, up to (not including) the trust anchor. */
  chain: Uint8Array[];
  digestAlgorithm: AlgorithmOid;
  signatureAlgorithm: AlgorithmOid;
  digest(data: Uint8Array): Promise<Uint8Array>;
  /** Signs the DER of the signed attributes (a SET OF Attribute). */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** Which key signs for a person: the head's certificate in the provider, or none. */
export interface DocumentSigner {
  readonly name: string;
  keyFor(personId: string): Promise<SigningKey | null>;
}

export const DOCUMENT_SIGNER = Symbol('DOCUMENT_SIGNER');
