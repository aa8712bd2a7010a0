import {
  AsnIntegerArrayBufferConverter,
  AsnProp,
  AsnPropTypes,
  OctetString,
} from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, GeneralName } from '@peculiar/asn1-x509';

/** IssuerSerial (RFC 5035): the certificate's issuer as GeneralNames, and its serial number. */
export class IssuerSerial {
  @AsnProp({ type: GeneralName, repeated: 'sequence' })
  issuer: GeneralName[] = [];

  @AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerArrayBufferConverter })
  serialNumber = new ArrayBuffer(0);
}

/** ESSCertIDv2: the signer certificate's hash . */
export class EssCertIdV2 {
  /** Absent means SHA-256 (the DEFAULT); a GOST key names GOST R 34.11-2012 here. */
  @AsnProp({ type: AlgorithmIdentifier, optional: true })
  hashAlgorithm?: AlgorithmIdentifier;

  @AsnProp({ type: OctetString })
  certHash = new OctetString();

  @AsnProp({ type: IssuerSerial, optional: true })
  issuerSerial?: IssuerSerial;
}

/** SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies OPTIONAL }. */
export class SigningCertificateV2 {
  @AsnProp({ type: EssCertIdV2, repeated: 'sequence' })
  certs: EssCertIdV2[] = [];
}
