import { ContentInfo } from '@peculiar/asn1-cms';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { MessageImprint, PKIStatus, TimeStampReq, TimeStampResp } from '@peculiar/asn1-tsp';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { createHash, randomBytes } from 'node:crypto';
import { signatureValueOf, withUnsignedAttribute } from './cades';
import { OID } from './oids';

export class TimestampError extends Error {}

const buffer = (bytes: Uint8Array) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/**
 * An RFC 3161 client: asks the authority at `url` for a token over the signature value and
 * adds it to the signer as the signature-time-stamp attribute (CAdES-T).
 */
export class TimestampClient {
  constructor(
    private readonly url: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async stamp(signature: Uint8Array): Promise<Uint8Array> {
    const token = await this.token(signatureValueOf(signature));
    return withUnsignedAttribute(signature, OID.signatureTimeStampToken, token);
  }

  /** A token over SHA-256(`data`): the DER of its ContentInfo. */
  async token(data: Uint8Array): Promise<Uint8Array> {
    const request = new TimeStampReq({
      version: 1,
      messageImprint: new MessageImprint({
        hashAlgorithm: new AlgorithmIdentifier({ algorithm: OID.sha256 }),
        hashedMessage: new OctetString(createHash('sha256').update(data).digest()),
      }),
      nonce: buffer(randomBytes(8)),
      certReq: true,
    });
    const answer = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: Buffer.from(AsnConvert.serialize(request)),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!answer.ok) throw new TimestampError(`the time-stamp authority answered ${answer.status}`);
    const response = AsnConvert.parse(await answer.arrayBuffer(), TimeStampResp);
    const { status } = response.status;
    if (status !== PKIStatus.granted && status !== PKIStatus.grantedWithMods)
      throw new TimestampError(`the time-stamp authority refused: status ${status}`);
    if (!response.timeStampToken) throw new TimestampError('the answer carries no token');
    return new Uint8Array(AsnConvert.serialize(response.timeStampToken as ContentInfo));
  }
}
