import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { checkpointBody, checkpointSignatureValid, signCheckpoint } from './checkpoint-format';
import { Keyring, withValidity } from './keyring';
import { loadSigningKey, publicKeyObject, rawPublicKey } from './signing-key';

const fields = {
  logId: 'ejournal/crimea-journal',
  treeSize: 1_000_000,
  rootHash: 'ab'.repeat(32),
  signedAt: '2027-06-30T12:00:00.000Z',
  keyId: 'archive-2027',
};

describe('checkpoints', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');

  it('signs the C2SP checkpoint body: origin, size, base64 root, then time and key', () => {
    expect(checkpointBody(fields).toString()).toBe(
      'ejournal/crimea-journal\n1000000\nq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s=\n' +
        'time 2027-06-30T12:00:00.000Z\nkey archive-2027\n',
    );
    expect(() => checkpointBody({ ...fields, logId: 'a\nb' })).toThrow(RangeError);
  });

  it('verifies with the public key and fails on any changed field or another key', () => {
    const signed = signCheckpoint(fields, privateKey);
    expect(checkpointSignatureValid(signed, publicKey)).toBe(true);
    expect(checkpointSignatureValid({ ...signed, treeSize: 999_999 }, publicKey)).toBe(false);
    expect(
      checkpointSignatureValid({ ...signed, signedAt: '2027-06-30T12:00:00.001Z' }, publicKey),
    ).toBe(false);
    expect(checkpointSignatureValid({ ...signed, signature: 'AAAA' }, publicKey)).toBe(false);
    const other = generateKeyPairSync('ed25519').publicKey;
    expect(checkpointSignatureValid(signed, other)).toBe(false);
  });

  it('moves public keys as 32 raw bytes and back', () => {
    const raw = rawPublicKey(publicKey);
    expect(raw).toHaveLength(32);
    const spki = (key: typeof publicKey) => key.export({ format: 'der', type: 'spki' });
    expect(spki(publicKeyObject(raw))).toEqual(spki(publicKey));
    const signer = loadSigningKey(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    expect(signer.publicKey).toEqual(raw);
    expect(spki(createPublicKey(signer.privateKey))).toEqual(spki(publicKey));
  });
});

describe('Keyring', () => {
  const key = (keyId: string, validFrom: string) => ({
    keyId,
    algorithm: 'Ed25519' as const,
    publicKey: rawPublicKey(generateKeyPairSync('ed25519').publicKey).toString('base64'),
    validFrom,
  });

  it('ends each key where the next one begins and keeps the old ones listed', () => {
    const keys = withValidity([
      key('k2027', '2027-01-01T00:00:00.000Z'),
      key('k2026', '2026-01-01T00:00:00.000Z'),
    ]);
    expect(keys.map(({ keyId, validTo }) => [keyId, validTo])).toEqual([
      ['k2026', '2027-01-01T00:00:00.000Z'],
      ['k2027', null],
    ]);
    const keyring = new Keyring(keys);
    expect(keyring.validAt('k2026', '2026-12-31T23:59:59.999Z')).toBe(true);
    expect(keyring.validAt('k2026', '2027-01-01T00:00:00.000Z')).toBe(false);
    expect(keyring.validAt('k2027', '2040-01-01T00:00:00.000Z')).toBe(true);
    expect(keyring.validAt('k2027', '2026-06-01T00:00:00.000Z')).toBe(false);
    expect(keyring.validAt('unknown', '2026-06-01T00:00:00.000Z')).toBe(false);
    expect(keyring.key('unknown')).toBeUndefined();
  });
});
