import { ConfigError } from '@ejournal/config';
import { generateKeyPairSync } from 'node:crypto';
import { integrityConfig } from './integrity-config';

describe('integrityConfig', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const seed = (privateKey.export({ format: 'jwk' }).d as string) ?? '';

  it('defaults to building the log without signing, named after the store', () => {
    expect(integrityConfig('ejournal_journal', {})).toEqual({
      logId: 'ejournal_journal',
      signer: null,
      checkpointIntervalMs: 60_000,
      buildIntervalMs: 1_000,
      checkpointFile: null,
    });
  });

  it('reads the key as PEM or as the base64 seed, the same key either way', () => {
    const fromPem = integrityConfig('log', { EJOURNAL_CHECKPOINT_SIGNING_KEY: pem }).signer;
    const fromSeed = integrityConfig('log', {
      EJOURNAL_CHECKPOINT_SIGNING_KEY: Buffer.from(seed, 'base64url').toString('base64'),
      EJOURNAL_CHECKPOINT_KEY_ID: 'region-2027',
    }).signer;
    expect(fromPem?.publicKey).toEqual(fromSeed?.publicKey);
    expect(fromPem?.keyId).toMatch(/^ed25519-[0-9a-f]{16}$/);
    expect(fromSeed?.keyId).toBe('region-2027');
  });

  it('names the variable of an unusable key without echoing it', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    const attempt = (key: string) => () =>
      integrityConfig('log', { EJOURNAL_CHECKPOINT_SIGNING_KEY: key });
    expect(attempt('c2hvcnQ=')).toThrow(ConfigError);
    expect(attempt('c2hvcnQ=')).toThrow(/EJOURNAL_CHECKPOINT_SIGNING_KEY: .*32 bytes/);
    const rsaPem = rsa.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(attempt(rsaPem)).toThrow(/must be Ed25519, not rsa/);
    expect(() => integrityConfig('log', { EJOURNAL_CHECKPOINT_KEY_ID: 'a b' })).toThrow(
      /EJOURNAL_CHECKPOINT_KEY_ID/,
    );
  });
});
