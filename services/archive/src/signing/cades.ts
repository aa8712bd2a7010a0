import {
  Attribute,
  CertificateChoices,
  CertificateSet,
  ContentInfo,
  DigestAlgorithmIdentifiers,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
} from '@peculiar/asn1-cms';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate, GeneralName, Time } from '@peculiar/asn1-x509';
import type { AlgorithmOid, SigningKey } from './document-signer';
import { EssCertIdV2, IssuerSerial, SigningCertificateV2 } from './ess';
import { OID } from './oids';

const der = (value: unknown) => new Uint8Array(AsnConvert.serialize(value));
const buffer = (bytes: Uint8Array) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
const attribute = (attrType: string, value: Uint8Array) =>
  new Attribute({ attrType, attrValues: [buffer(value)] });

export const algorithm = ({ oid, parameters }: AlgorithmOid) =>
  new AlgorithmIdentifier({
    algorithm: oid,
    parameters: parameters ? buffer(parameters) : parameters === null ? null : undefined,
  });

/** DER of a SET OF: its elements sorted by their encodings (X.690 § 11.6). */
export function derSetOf(elements: Uint8Array[]): Uint8Array {
  const sorted = [...elements].sort((a, b) => Buffer.compare(a, b));
  const body = Buffer.concat(sorted);
  return new Uint8Array(Buffer.concat([Buffer.from([0x31]), derLength(body.length), body]));
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** Attributes in DER order, and the bytes the signature covers. */
function signedAttributes(attributes: Attribute[]) {
  const encoded = attributes.map((item) => ({ item, bytes: der(item) }));
  encoded.sort((a, b) => Buffer.compare(a.bytes, b.bytes));
  return {
    attributes: encoded.map(({ item }) => item),
    toSign: derSetOf(encoded.map(({ bytes }) => bytes)),
  };
}

async function signingCertificateV2(key: SigningKey, certificate: Certificate) {
  const sha256 = key.digestAlgorithm.oid === OID.sha256;
  const id = new EssCertIdV2();
  if (!sha256) id.hashAlgorithm = algorithm(key.digestAlgorithm);
  id.certHash = new OctetString(buffer(await key.digest(key.certificate)));
  const issuerSerial = new IssuerSerial();
  issuerSerial.issuer = [new GeneralName({ directoryName: certificate.tbsCertificate.issuer })];
  issuerSerial.serialNumber = certificate.tbsCertificate.serialNumber;
  id.issuerSerial = issuerSerial;
  const value = new SigningCertificateV2();
  value.certs = [id];
  return der(value);
}

/**
 * One SignerInfo over `digest` (of the document, or of a signature value for a
 * countersignature, which carries no content-type: RFC 5652 § 11.4) with the CAdES-BES
 * signed attributes: content-type, message-digest, signing-time, signing-certificate-v2.
 */
export async function signerInfo(
  key: SigningKey,
  digest: Uint8Array,
  signingTime: Date,
  counter = false,
): Promise<SignerInfo> {
  const certificate = AsnConvert.parse(buffer(key.certificate), Certificate);
  const attributes = [
    attribute(OID.messageDigest, der(new OctetString(buffer(digest)))),
    attribute(OID.signingTime, der(new Time(signingTime))),
    attribute(OID.signingCertificateV2, await signingCertificateV2(key, certificate)),
  ];
  if (!counter) attributes.push(attribute(OID.contentType, oidDer(OID.data)));
  const signed = signedAttributes(attributes);
  return new SignerInfo({
    version: 1,
    sid: new SignerIdentifier({
      issuerAndSerialNumber: new IssuerAndSerialNumber({
        issuer: certificate.tbsCertificate.issuer,
        serialNumber: certificate.tbsCertificate.serialNumber,
      }),
    }),
    digestAlgorithm: algorithm(key.digestAlgorithm),
    signedAttrs: signed.attributes,
    signatureAlgorithm: algorithm(key.signatureAlgorithm),
    signature: new OctetString(buffer(await key.sign(signed.toSign))),
  });
}

/** DER of an OBJECT IDENTIFIER (X.690 § 8.19). */
export function oidDer(oid: string): Uint8Array {
  const [first = 0, second = 0, ...rest] = oid.split('.').map(Number);
  const body: number[] = [];
  for (const arc of [first * 40 + second, ...rest]) {
    const groups = [arc % 128];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128))
      groups.unshift((value % 128) | 0x80);
    body.push(...groups);
  }
  return new Uint8Array([0x06, body.length, ...body]);
}

/** A detached CMS SignedData (no eContent) in a ContentInfo, DER: the `.p7s`. */
export function signedData(
  key: SigningKey,
  signer: SignerInfo,
  extraCertificates: Uint8Array[] = [],
) {
  const certificates = [key.certificate, ...key.chain, ...extraCertificates].map(
    (bytes) =>
      new CertificateChoices({ certificate: AsnConvert.parse(buffer(bytes), Certificate) }),
  );
  const data = new SignedData({
    version: 1,
    digestAlgorithms: new DigestAlgorithmIdentifiers([algorithm(key.digestAlgorithm)]),
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: new CertificateSet(certificates),
    signerInfos: new SignerInfos([signer]),
  });
  return der(new ContentInfo({ contentType: OID.signedData, content: AsnConvert.serialize(data) }));
}

/** Detached CAdES-BES over `document`. */
export async function signDetached(
  key: SigningKey,
  document: Uint8Array,
  signingTime: Date,
): Promise<Uint8Array> {
  const info = await signerInfo(key, await key.digest(document), signingTime);
  return signedData(key, info);
}

/** Adds an unsigned attribute to the first (or `index`-th) signer of a `.p7s`, and certificates. */
export function withUnsignedAttribute(
  signature: Uint8Array,
  attrType: string,
  value: Uint8Array,
  certificates: Uint8Array[] = [],
  index = 0,
): Uint8Array {
  const info = AsnConvert.parse(buffer(signature), ContentInfo);
  const data = AsnConvert.parse(info.content, SignedData);
  const signer = data.signerInfos[index];
  if (!signer) throw new Error(`the signature has no signer ${index}`);
  signer.unsignedAttrs = [...(signer.unsignedAttrs ?? []), attribute(attrType, value)];
  const held = new Set(
    (data.certificates ?? []).map((choice) => Buffer.from(der(choice)).toString('hex')),
  );
  for (const bytes of certificates) {
    const choice = new CertificateChoices({
      certificate: AsnConvert.parse(buffer(bytes), Certificate),
    });
    if (!held.has(Buffer.from(der(choice)).toString('hex')))
      data.certificates = new CertificateSet([...(data.certificates ?? []), choice]);
  }
  return der(new ContentInfo({ contentType: OID.signedData, content: AsnConvert.serialize(data) }));
}

/** The signature value of a `.p7s`'s first (or `index`-th) signer: what a countersignature signs. */
export function signatureValueOf(signature: Uint8Array, index = 0): Uint8Array {
  const data = AsnConvert.parse(
    AsnConvert.parse(buffer(signature), ContentInfo).content,
    SignedData,
  );
  const signer = data.signerInfos[index];
  if (!signer) throw new Error(`the signature has no signer ${index}`);
  return new Uint8Array(signer.signature.buffer);
}

/**
 * A countersignature (RFC 5652 § 11.4) by another key over the signature value: the `.p7s`
 * gains it as an unsigned attribute of the signer it countersigns, with the key's certificates.
 */
export async function countersign(
  key: SigningKey,
  signature: Uint8Array,
  signingTime: Date,
): Promise<Uint8Array> {
  const value = signatureValueOf(signature);
  const counter = await signerInfo(key, await key.digest(value), signingTime, true);
  return withUnsignedAttribute(signature, OID.counterSignature, der(counter), [
    key.certificate,
    ...key.chain,
  ]);
}
