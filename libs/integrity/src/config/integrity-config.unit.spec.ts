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
      witnesses: [],
      witnessQuorum: 0,
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

  it('refuses at start a log id a note key name cannot hold, naming the variable', () => {
    for (const id of ['ejournal+journal', 'ejournal\u0007journal', 'ejournal\u00a0journal']) {
      expect(() => integrityConfig('log', { EJOURNAL_LOG_ID: id })).toThrow(/EJOURNAL_LOG_ID/);
    }
    expect(() => integrityConfig('db+name', {})).toThrow(
      /EJOURNAL_LOG_ID: the log id "db\+name" \(the database name when unset\).*"\+"/,
    );
    expect(integrityConfig('log', { EJOURNAL_LOG_ID: 'région.example/journal' }).logId).toBe(
      'région.example/journal',
    );
  });

  it('reads the witnesses, their cosignature keys and the quorum (a majority by default)', () => {
    const w1 = 'ejournal.test/witness-1+87be643c+BJqLjQfywLe9gnTk3Ai2xC4fNpEQWQZmQdQ7hjHQdTHt';
    const w2 = 'ejournal.test/witness-2+b0a6afd2+BJYVX4WHB7CHAjxRwYAtnepTOmYI628EwLkuhAWRG/fh';
    const config = integrityConfig('log', {
      EJOURNAL_WITNESS_URLS: 'http://127.0.0.1:57380, https://witness.example/',
      EJOURNAL_WITNESS_KEYS: `${w1},${w2}`,
    });
    expect(config.witnesses.map((w) => [w.url, w.key.name])).toEqual([
      ['http://127.0.0.1:57380', 'ejournal.test/witness-1'],
      ['https://witness.example/', 'ejournal.test/witness-2'],
    ]);
    expect(config.witnessQuorum).toBe(2);
    const one = { EJOURNAL_WITNESS_URLS: 'http://w', EJOURNAL_WITNESS_KEYS: w1 };
    expect(() => integrityConfig('log', { ...one, EJOURNAL_WITNESS_QUORUM: '2' })).toThrow(
      /EJOURNAL_WITNESS_QUORUM: 2 cosignatures of 1 witnesses/,
    );
    expect(() => integrityConfig('log', { ...one, EJOURNAL_WITNESS_KEYS: `${w1},${w2}` })).toThrow(
      /2 keys for 1 EJOURNAL_WITNESS_URLS/,
    );
    expect(() =>
      integrityConfig('log', { ...one, EJOURNAL_WITNESS_KEYS: w1.replace('87be643c', '87be643d') }),
    ).toThrow(/EJOURNAL_WITNESS_KEYS: .*hash does not match/);
  });
});
