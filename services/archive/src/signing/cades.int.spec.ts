import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { countersign, signDetached } from './cades';
import { verifyDetached } from './cades-verify';
import { softwareKey } from './software-signer';
import { startOpensslTsa } from './testing/openssl-tsa';
import { TimestampClient } from './timestamp-client';

const run = promisify(execFile);
const PKI_SCRIPT = path.resolve(__dirname, '../../scripts/local-signing-pki.sh');

async function opensslVerifies(dir: string, pdf: string): Promise<boolean> {
  try {
    await run('openssl', [
      'cms',
      '-verify',
      '-binary',
      '-content',
      path.join(dir, pdf),
      '-inform',
      'DER',
      '-in',
      path.join(dir, 'doc.p7s'),
      '-CAfile',
      path.join(dir, 'ca.pem'),
      '-out',
      '/dev/null',
    ]);
    return true;
  } catch {
    return false;
  }
}

describe('detached CAdES-BES signatures', () => {
  let dir: string;
  const document = Buffer.from('%PDF-1.7\n% Журнал 7А: тема «Дроби»\n');

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'archive-cades-test-'));
    await run('bash', [PKI_SCRIPT, dir, 'head-1']);
    await run('bash', [PKI_SCRIPT, dir, 'deputy-1']);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const headKey = () =>
    softwareKey({
      keyFile: path.join(dir, 'head-1.key.pem'),
      certificateFile: path.join(dir, 'head-1.cert.pem'),
    });

  it('verifies with openssl cms -verify, and a tampered document does not', async () => {
    const signature = await signDetached(await headKey(), document, new Date());
    await writeFile(path.join(dir, 'doc.pdf'), document);
    await writeFile(
      path.join(dir, 'tampered.pdf'),
      Buffer.from(document.toString().replace('7А', '7Б')),
    );
    await writeFile(path.join(dir, 'doc.p7s'), signature);

    expect(await opensslVerifies(dir, 'doc.pdf')).toBe(true);
    expect(await opensslVerifies(dir, 'tampered.pdf')).toBe(false);
  });

  it('carries the CAdES-BES signed attributes, as openssl reads them', async () => {
    await writeFile(
      path.join(dir, 'doc.p7s'),
      await signDetached(await headKey(), document, new Date()),
    );
    const { stdout } = await run('openssl', [
      'cms',
      '-cmsout',
      '-print',
      '-inform',
      'DER',
      '-in',
      path.join(dir, 'doc.p7s'),
    ]);
    for (const attribute of [
      'contentType',
      'signingTime',
      'messageDigest',
      'id-smime-aa-signingCertificateV2',
    ])
      expect(stdout).toContain(attribute);
  });

  it('is checked by the archive’s own verifier: digest, signature, certificate and its issuer', async () => {
    const signedAt = new Date('2027-06-20T09:00:00Z');
    const signature = await signDetached(await headKey(), document, signedAt);
    const anchors = [await readFile(path.join(dir, 'ca.pem'), 'utf8')];

    const good = await verifyDetached(signature, document, anchors);
    expect(good.signers[0]?.problems).toEqual([]);
    expect(good).toMatchObject({
      valid: true,
      signers: [{ valid: true, signingTime: signedAt.toISOString() }],
    });

    const tampered = await verifyDetached(
      signature,
      Buffer.concat([document, Buffer.from(' ')]),
      anchors,
    );
    expect(tampered.valid).toBe(false);
    expect(tampered.signers[0]?.problems).toContain('MESSAGE_DIGEST_MISMATCH');

    const untrusted = await verifyDetached(signature, document, []);
    expect(untrusted.signers[0]?.problems).toContain('CERTIFICATE_UNTRUSTED');
  });

  it('keeps verifying with a countersignature and a timestamp from a real RFC 3161 authority', async () => {
    const tsa = await startOpensslTsa(dir);
    try {
      const deputy = await softwareKey({
        keyFile: path.join(dir, 'deputy-1.key.pem'),
        certificateFile: path.join(dir, 'deputy-1.cert.pem'),
      });
      const signed = await signDetached(await headKey(), document, new Date());
      const stamped = await new TimestampClient(tsa.url).stamp(signed);
      const both = await countersign(deputy, stamped, new Date());
      await writeFile(path.join(dir, 'doc.pdf'), document);
      await writeFile(path.join(dir, 'doc.p7s'), both);

      expect(await opensslVerifies(dir, 'doc.pdf')).toBe(true);
      const verdict = await verifyDetached(both, document, [
        await readFile(path.join(dir, 'ca.pem'), 'utf8'),
      ]);
      expect(verdict.valid).toBe(true);
      expect(verdict.signers[0]?.timestamp).toMatchObject({ valid: true });
      expect(verdict.signers[0]?.countersignatures).toEqual([
        expect.objectContaining({ valid: true, problems: [] }),
      ]);
      expect(verdict.signers[0]?.countersignatures[0]?.certificate?.subject).toContain('deputy-1');
    } finally {
      await tsa.close();
    }
  });
});
