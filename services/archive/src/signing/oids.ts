/** Object identifiers of CMS, CAdES and the algorithms the software key uses. */
export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  counterSignature: '1.2.840.113549.1.9.6',
  /** ESS signing-certificate-v2 (RFC 5035), the attribute CAdES-BES requires. */
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  /** The RFC 3161 token over the signature value (CAdES-T). */
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha256: '2.16.840.1.101.3.4.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha256WithRsa: '1.2.840.113549.1.1.11',
} as const;
