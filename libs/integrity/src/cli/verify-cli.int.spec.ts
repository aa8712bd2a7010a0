import { createTestDatabase, requireInfra } from '@ejournal/testing';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { verifyConsistency, verifyInclusion } from '../merkle/verify-proofs';
import { alterPayload, tamperScenario, type TamperScenario } from '../testing/tamper-scenario';
import { main } from './main';

jest.setTimeout(60_000);

describe('ejournal-verify', () => {
  let scenario: TamperScenario;
  let file: (name: string) => string;

  const run = async (...argv: string[]) => {
    const out = { stdout: '', stderr: '' };
    const code = await main(argv, {
      stdout: (text) => (out.stdout += text),
      stderr: (text) => (out.stderr += text),
    });
    return { code, ...out };
  };

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL']);
    scenario = await tamperScenario(await createTestDatabase('integrity cli'));
    file = (name) => path.join(scenario.dir, name);
  });

  afterAll(async () => {
    await scenario?.drop();
  });

  it('writes the keyring, verifies the database against it and the published file', async () => {
    expect(
      (await run('keys', '--database-url', scenario.appUrl, '--out', file('keys.json'))).code,
    ).toBe(0);
    const keys = JSON.parse(await readFile(file('keys.json'), 'utf8'));
    expect(keys.keys).toEqual([expect.objectContaining({ keyId: 'archive-2026', validTo: null })]);
    const result = await run(
      ...['--database-url', scenario.appUrl, '--keys', file('keys.json')],
      ...['--checkpoints', scenario.checkpointFile, '--report', file('report.json')],
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: true,
      trust: { keys: `keyring file ${file('keys.json')}` },
    });
    expect(JSON.parse(await readFile(file('report.json'), 'utf8')).counts.events).toBe(16);
    expect(result.stderr).toMatch(/^OK: database postgres:\/\//);
  });

  it('exports the store and verifies the export offline with the public keys', async () => {
    const exported = await run(
      'export',
      '--database-url',
      scenario.appUrl,
      '--out',
      file('store.ndjson'),
    );
    expect(exported.stderr).toBe(`exported 16 events and 16 leaves to ${file('store.ndjson')}\n`);
    const lines = (await readFile(file('store.ndjson'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.kind)).toEqual([
      'header',
      'key',
      'checkpoint',
      'checkpoint',
      ...Array(16).fill('event'),
      ...Array(16).fill('leaf'),
    ]);
    expect(lines[4]).toMatchObject({
      leafIndex: 0,
      canonical: expect.any(String),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const offline = await run(
      '--export',
      file('store.ndjson'),
      '--keys',
      file('keys.json'),
      '--checkpoints',
      scenario.checkpointFile,
    );
    expect(offline.code).toBe(0);
    expect(JSON.parse(offline.stdout)).toMatchObject({
      ok: true,
      source: `export ${file('store.ndjson')}`,
    });
  });

  it('proves an event offline-checkable: path, leaf and the signed checkpoint', async () => {
    const place = await scenario.place('journal-b', 2);
    const proved = await run(
      'prove',
      '--database-url',
      scenario.appUrl,
      '--position',
      place.globalPosition,
    );
    const proof = JSON.parse(proved.stdout);
    const hex = (value: string) => Buffer.from(value, 'hex');
    expect(
      verifyInclusion(
        hex(proof.leafHash),
        proof.leafIndex,
        proof.checkpoint.treeSize,
        proof.path.map(hex),
        hex(proof.checkpoint.rootHash),
      ),
    ).toBe(true);
    const consistency = await run(
      'consistency',
      '--database-url',
      scenario.appUrl,
      '--from',
      '1',
      '--to',
      '2',
    );
    const { first, second, path: steps } = JSON.parse(consistency.stdout);
    expect([first.treeSize, second.treeSize, steps.length]).toEqual([12, 16, 3]);
    expect(
      verifyConsistency(12, 16, hex(first.rootHash), hex(second.rootHash), steps.map(hex)),
    ).toBe(true);
  });

  it('exits 1 and names the first problem of a tampered export', async () => {
    await scenario.tamper(alterPayload('journal-b', 2));
    await run('export', '--database-url', scenario.appUrl, '--out', file('tampered.ndjson'));
    const result = await run('--export', file('tampered.ndjson'), '--keys', file('keys.json'));
    const place = await scenario.place('journal-b', 2);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `first problem: INTEGRITY.HASH_MISMATCH stream journal-b version 2 position ${place.globalPosition} leaf 5`,
    );
  });

  it('exits 2 with the usage on a wrong call', async () => {
    const result = await run('--keys', 'keys.json');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'INTEGRITY.USAGE: verify needs either --database-url or --export',
    );
  });
});
