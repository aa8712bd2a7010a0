import { ContentInfo, SignedData, SignerInfo } from '@peculiar/asn1-cms';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { Time } from '@peculiar/asn1-x509';
import { TSTInfo } from '@peculiar/asn1-tsp';
import { createHash, verify, X509Certificate } from 'node:crypto';
import { derSetOf } from './cades';
import { SigningCertificateV2 } from './ess';
import { OID } from './oids';

export type SignatureProblem =
  | 'MALFORMED'
  | 'ALGORITHM_UNSUPPORTED'
  | 'CERTIFICATE_MISSING'
  | 'CONTENT_TYPE_MISMATCH'
  | 'MESSAGE_DIGEST_MISMATCH'
  | 'SIGNATURE_INVALID'
  | 'SIGNING_CERTIFICATE_MISMATCH'
  | 'CERTIFICATE_NOT_VALID_AT_SIGNING_TIME'
  | 'CERTIFICATE_UNTRUSTED'
  | 'TIMESTAMP_INVALID';

export interface SignerVerdict {
  valid: boolean;
  problems: SignatureProblem[];
  signingTime: string | null;
  certificate: { serialNumber: string; sha256: string; subject: string; issuer: string } | null;
  /** The RFC 3161 time of the signature (CAdES-T), when it carries a token. */
  timestamp: { time: string; valid: boolean } | null;
  countersignatures: SignerVerdict[];
}

export interface Verification {
  valid: boolean;
  signers: SignerVerdict[];
}

const bytes = (value: ArrayBuffer | Uint8Array | OctetString) =>
  value instanceof OctetString
    ? Buffer.from(value.buffer)
    : value instanceof Uint8Array
      ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
      : Buffer.from(value);
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest();
const DIGESTS: Record<string, string> = { [OID.sha256]: 'sha256' };
const SIGNATURES = new Set<string>([OID.ecdsaWithSha256, OID.sha256WithRsa]);

/**
 * Checks a detached CMS signature (`.p7s`, DER) over `document` as a relying party would:
 * per signer the message digest, the signature over the signed attributes, the
 * signing-certificate-v2 binding, the certificate's validity at the signing time and a path to
 * one of the trust anchors (PEM), then its countersignatures and timestamp. SHA-256 with ECDSA
 * or RSA; a GOST signature answers `ALGORITHM_UNSUPPORTED` until a GOST provider verifies it.
 */
export async function verifyDetached(
  signature: Uint8Array,
  document: Uint8Array,
  anchorsPem: string[],
): Promise<Verification> {
  let data: SignedData;
  try {
    data = AsnConvert.parse(AsnConvert.parse(bytes(signature), ContentInfo).content, SignedData);
  } catch {
    return { valid: false, signers: [] };
  }
  const certificates = (data.certificates ?? [])
    .map((choice) => choice.certificate)
    .filter((certificate) => certificate !== undefined)
    .map((certificate) => new X509Certificate(bytes(AsnConvert.serialize(certificate))));
  const anchors = anchorsPem.flatMap(splitPem).map((pem) => new X509Certificate(pem));
  const signers = data.signerInfos.map((info) =>
    verifySigner(info, sha256(document), { certificates, anchors, counter: false }),
  );
  return { valid: signers.length > 0 && signers.every((s) => s.valid), signers };
}

interface Context {
  certificates: X509Certificate[];
  anchors: X509Certificate[];
  counter: boolean;
}

function verifySigner(info: SignerInfo, contentDigest: Buffer, context: Context): SignerVerdict {
  const problems: SignatureProblem[] = [];
  const attribute = (oid: string) =>
    info.signedAttrs?.find((item) => item.attrType === oid)?.attrValues[0];
  const certificate = findCertificate(info, context.certificates);
  const signingTimeValue = attribute(OID.signingTime);
  const signingTime = signingTimeValue ? AsnConvert.parse(signingTimeValue, Time).getTime() : null;
  if (
    !DIGESTS[info.digestAlgorithm.algorithm] ||
    !SIGNATURES.has(info.signatureAlgorithm.algorithm)
  )
    problems.push('ALGORITHM_UNSUPPORTED');
  const digest = attribute(OID.messageDigest);
  if (!digest || !bytes(AsnConvert.parse(digest, OctetString)).equals(contentDigest))
    problems.push('MESSAGE_DIGEST_MISMATCH');
  if (!context.counter) {
    const contentType = attribute(OID.contentType);
    if (
      !contentType ||
      !bytes(contentType).equals(
        Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01]),
      )
    )
      problems.push('CONTENT_TYPE_MISMATCH');
  }
  if (!certificate) problems.push('CERTIFICATE_MISSING');
  else {
    problems.push(...checkCertificate(info, certificate, signingTime, context));
  }
  const signatureValue = bytes(info.signature);
  const countersignatures = unsigned(info, OID.counterSignature).map((value) =>
    verifySigner(AsnConvert.parse(value, SignerInfo), sha256(signatureValue), {
      ...context,
      counter: true,
    }),
  );
  const token = unsigned(info, OID.signatureTimeStampToken)[0];
  const timestamp = token ? verifyTimestamp(token, signatureValue, context) : null;
  if (timestamp && !timestamp.valid) problems.push('TIMESTAMP_INVALID');
  return {
    valid: problems.length === 0 && countersignatures.every((c) => c.valid),
    problems,
    signingTime: signingTime?.toISOString() ?? null,
    certificate: certificate
      ? {
          serialNumber: certificate.serialNumber.toLowerCase(),
          sha256: sha256(certificate.raw).toString('hex'),
          subject: certificate.subject,
          issuer: certificate.issuer,
        }
      : null,
    timestamp,
    countersignatures,
  };
}

function checkCertificate(
  info: SignerInfo,
  certificate: X509Certificate,
  signingTime: Date | null,
  context: Context,
): SignatureProblem[] {
  const problems: SignatureProblem[] = [];
  // The signature covers the attributes as a DER SET OF (not as the [0] they travel in).
  const raw = info.signedAttrs
    ? derSetOf(info.signedAttrs.map((item) => new Uint8Array(AsnConvert.serialize(item))))
    : null;
  const algorithm = DIGESTS[info.digestAlgorithm.algorithm];
  const signatureOk =
    raw !== null &&
    algorithm !== undefined &&
    verify(
      algorithm,
      raw,
      { key: certificate.publicKey, dsaEncoding: 'der' },
      bytes(info.signature),
    );
  if (!signatureOk) problems.push('SIGNATURE_INVALID');
  const binding = info.signedAttrs?.find((item) => item.attrType === OID.signingCertificateV2);
  const ids = binding?.attrValues[0]
    ? AsnConvert.parse(binding.attrValues[0], SigningCertificateV2).certs
    : [];
  const first = ids[0];
  if (!first || first.hashAlgorithm || !bytes(first.certHash).equals(sha256(certificate.raw)))
    problems.push('SIGNING_CERTIFICATE_MISMATCH');
  const at = signingTime ?? new Date();
  if (at < new Date(certificate.validFrom) || at > new Date(certificate.validTo))
    problems.push('CERTIFICATE_NOT_VALID_AT_SIGNING_TIME');
  if (!chainsToAnchor(certificate, context)) problems.push('CERTIFICATE_UNTRUSTED');
  return problems;
}

function findCertificate(info: SignerInfo, certificates: X509Certificate[]) {
  const serial = info.sid.issuerAndSerialNumber?.serialNumber;
  if (!serial) return undefined;
  const wanted = bytes(serial)
    .toString('hex')
    .replace(/^(00)+/, '')
    .toLowerCase();
  return certificates.find(
    (certificate) => certificate.serialNumber.toLowerCase().replace(/^(00)+/, '') === wanted,
  );
}

function chainsToAnchor(certificate: X509Certificate, context: Context): boolean {
  let current = certificate;
  for (let depth = 0; depth < 8; depth += 1) {
    const issuedBy = (candidate: X509Certificate) =>
      current.checkIssued(candidate) && current.verify(candidate.publicKey);
    if (context.anchors.some(issuedBy)) return true;
    const next = context.certificates.find((c) => c !== current && c.ca && issuedBy(c));
    if (!next) return false;
    current = next;
  }
  return false;
}

function unsigned(info: SignerInfo, oid: string): ArrayBuffer[] {
  return (info.unsignedAttrs ?? [])
    .filter((item) => item.attrType === oid)
    .flatMap((item) => item.attrValues);
}

/** The token's imprint is the signature value's hash, and its own signature holds. */
function verifyTimestamp(token: ArrayBuffer, signatureValue: Buffer, context: Context) {
  try {
    const data = AsnConvert.parse(AsnConvert.parse(token, ContentInfo).content, SignedData);
    const content = data.encapContentInfo.eContent?.single;
    if (!content) return { time: '', valid: false };
    const info = AsnConvert.parse(bytes(content), TSTInfo);
    const imprintOk =
      info.messageImprint.hashAlgorithm.algorithm === OID.sha256 &&
      bytes(info.messageImprint.hashedMessage).equals(sha256(signatureValue));
    const tsaCertificates = (data.certificates ?? [])
      .map((choice) => choice.certificate)
      .filter((certificate) => certificate !== undefined)
      .map((certificate) => new X509Certificate(bytes(AsnConvert.serialize(certificate))));
    const signers = data.signerInfos.map((signer) =>
      verifySigner(signer, sha256(bytes(content)), {
        certificates: [...tsaCertificates, ...context.certificates],
        anchors: context.anchors,
        counter: true,
      }),
    );
    const valid = imprintOk && signers.length > 0 && signers.every((s) => s.valid);
    return { time: info.genTime.toISOString(), valid };
  } catch {
    return { time: '', valid: false };
  }
}

function splitPem(pem: string): string[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map(
    (match) => match[0],
  );
}
