import { chainHash } from '@ejournal/contracts';
import { createTestDatabase, requireInfra } from '@ejournal/testing';
import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { newSigner } from '../testing/integrity-fixture';
import { asRole, tamperScenario, type TamperScenario } from '../testing/tamper-scenario';
import { exportStreams } from './stream-export';
import type { StreamSelection } from './stream-export-format';
import { verifyStreamExport } from './verify-stream-export';

jest.setTimeout(60_000);

describe('stream exports with a batch inclusion proof, verified offline with the public keys', () => {
  let scenario: TamperScenario;
  let trusted: { entries: TamperScenario['keys']; description: string };

  const exported = async (name: string, selection: StreamSelection) => {
    const file = path.join(scenario.dir, `${name}.ndjson`);
    const out = createWriteStream(file);
    const counts = await exportStreams(scenario.pool, selection, out, { source: 'spec' });
    out.end();
    await finished(out);
    return { file, counts };
  };
  // Every verification runs twice, in one pass and in three parts joined (on this thread; one
  // test below runs them on threads): the verdicts, problems and counts must be the same.
  const verified = async (file: string, keys = trusted) => {
    const onePass = await verifyStreamExport(file, keys, { parts: 1 });
    const inParts = await verifyStreamExport(file, keys, { parts: 3, threads: false });
    expect({ ...inParts, verifiedAt: null }).toEqual({ ...onePass, verifiedAt: null });
    return onePass;
  };
  let edits = 0;
  const edited = async (file: string, edit: (lines: string[]) => string[]) => {
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    const copy = file.replace('.ndjson', `-edited-${(edits += 1)}.ndjson`);
    await writeFile(copy, `${edit(lines).join('\n')}\n`);
    return copy;
  };

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL']);
    scenario = await tamperScenario(await createTestDatabase('integrity stream export'));
    await scenario.admin.query('BEGIN');
    await scenario.admin.query(asRole(scenario.roles.disposal));
    await scenario.admin.query(
      `SELECT event_store.dispose_stream('journal-c', '2031/17', 'officer')`,
    );
    await scenario.admin.query('COMMIT');
    trusted = { entries: scenario.keys, description: 'keys.json kept by the auditor' };
  });

  afterAll(async () => {
    await scenario?.drop();
  });

  it('exports chosen streams with a proof of a few hashes, and verifies them', async () => {
    const { file, counts } = await exported('two', { streams: ['journal-a', 'summary-x'] });
    expect(counts).toMatchObject({ events: 8, streams: 2 });
    expect(counts.proofNodes).toBeGreaterThan(0);
    const report = await verified(file, trusted);
    expect(report).toMatchObject({
      ok: true,
      firstProblem: null,
      counts: { events: 8, streams: 2, disposedStreams: 0 },
      checkpoint: { treeSize: 16 },
    });
  });

  it('verifies a whole category, a disposed stream by its kept hashes and tombstone', async () => {
    const { file, counts } = await exported('journals', { category: 'journal' });
    expect(counts).toMatchObject({ events: 13, streams: 3 });
    const report = await verified(file, trusted);
    expect(report.ok).toBe(true);
    expect(report.disposedStreams).toEqual([
      { streamId: 'journal-c', actReference: '2031/17', eventCount: 3 },
    ]);
    const everything = await exported('all', {});
    expect(everything.counts).toMatchObject({ events: 16, proofNodes: 0 });
    expect((await verified(everything.file, trusted)).ok).toBe(true);
    const onThreads = await verifyStreamExport(everything.file, trusted, { parts: 2 });
    expect(onThreads).toMatchObject({ ok: true, counts: { events: 16, streams: 4 } });
  });

  it('finds an altered payload, a relabelled event, a dropped event, a wrong proof and a foreign key', async () => {
    const { file } = await exported('tampered', { streams: ['journal-a', 'journal-b'] });
    const event = (lines: string[], streamId: string, version: number) =>
      lines.findIndex((l) => l.includes(`"streamId":"${streamId}","streamVersion":${version},`));
    const altered = await edited(file, (lines) => {
      const i = event(lines, 'journal-a', 2);
      const line = JSON.parse(lines[i] as string);
      const bytes = Buffer.from(line.canonical, 'base64')
        .toString()
        .replace('"value":"5"', '"value":"2"');
      lines[i] = JSON.stringify({ ...line, canonical: Buffer.from(bytes).toString('base64') });
      return lines;
    });
    expect((await verified(altered, trusted)).firstProblem).toMatchObject({
      code: 'INTEGRITY.HASH_MISMATCH',
      streamId: 'journal-a',
      streamVersion: 2,
    });
    const relabelled = await edited(file, (lines) => {
      const i = event(lines, 'journal-a', 1);
      lines[i] = (lines[i] as string).replace('"type":"MarkRecorded"', '"type":"MarkRevoked"');
      return lines;
    });
    expect((await verified(relabelled, trusted)).firstProblem).toMatchObject({
      code: 'INTEGRITY.COLUMN_MISMATCH',
    });
    const dropped = await edited(file, (lines) =>
      lines.filter((_, i) => i !== event(lines, 'journal-a', 3)),
    );
    expect((await verified(dropped, trusted)).problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(['INTEGRITY.VERSION_GAP', 'INTEGRITY.EXPORT_TRUNCATED']),
    );
    const wrongProof = await edited(file, (lines) =>
      lines.map((line) => {
        if (!line.includes('"kind":"proof"')) return line;
        const proof = JSON.parse(line);
        return JSON.stringify({ ...proof, nodes: [...proof.nodes].reverse() });
      }),
    );
    expect((await verified(wrongProof, trusted)).firstProblem).toMatchObject({
      code: 'INTEGRITY.ROOT_MISMATCH',
    });
    const other = newSigner('archive-2026');
    const foreign = {
      description: 'another key with the same id',
      entries: [{ ...trusted.entries[0], publicKey: other.publicKey.toString('base64') }],
    };
    expect((await verified(file, foreign as typeof trusted)).firstProblem).toMatchObject({
      code: 'INTEGRITY.SIGNATURE_INVALID',
    });
  });
  it('finds any one event altered, in one pass and split between threads alike', async () => {
    const { file } = await exported('every', {});
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    const events = lines.flatMap((line, i) => (line.startsWith('{"kind":"event"') ? [i] : []));
    expect(events).toHaveLength(16);
    const alteredFiles: { file: string; report: Awaited<ReturnType<typeof verified>> }[] = [];
    for (const i of events) {
      const event = JSON.parse(lines[i] as string);
      if (event.canonical === null) continue;
      const altered = await edited(file, (all) =>
        all.map((line, j) =>
          j === i ? line.replace(event.canonical, `${event.canonical.slice(0, -8)}AAAAAAAA`) : line,
        ),
      );
      const report = await verified(altered);
      expect(report.firstProblem).toMatchObject({
        code: 'INTEGRITY.HASH_MISMATCH',
        streamId: event.streamId,
        streamVersion: event.streamVersion,
      });
      alteredFiles.push({ file: altered, report });
    }
    // On threads, the parts claimed by whichever is free and each stream's first link in a later
    // part checked at the join from the bytes its thread kept: the same verdicts.
    for (const { file: altered, report } of alteredFiles.slice(-2)) {
      const onThreads = await verifyStreamExport(altered, trusted, { parts: 5 });
      expect({ ...onThreads, verifiedAt: null }).toEqual({ ...report, verifiedAt: null });
    }
  });

  it('verifies the whole store in any JSON spelling, and finds a rewritten event by the root', async () => {
    const { file } = await exported('whole', {});
    const events = (lines: string[]) => lines.filter((l) => l.startsWith('{"kind":"event"'));
    const respelled = await edited(file, (lines) =>
      lines.map((line) => {
        if (!line.startsWith('{"kind":"event"')) return line;
        const { kind, ...fields } = JSON.parse(line);
        return JSON.stringify({ ...fields, kind }, null, 1).replace(/\n/g, '');
      }),
    );
    expect(await verified(respelled, trusted)).toMatchObject({
      ok: true,
      counts: { events: 16 },
    });
    const alteredRespelled = await edited(respelled, (lines) =>
      lines.map((line) => line.replace(/"canonical": "eyJ/, '"canonical": "eyK')),
    );
    expect((await verified(alteredRespelled, trusted)).firstProblem).toMatchObject({
      code: 'INTEGRITY.HASH_MISMATCH',
    });
    // The last event of a stream rewritten with a hash that chains: only the root tells.
    const rewritten = await edited(file, (lines) => {
      const last = events(lines)
        .map((l) => JSON.parse(l))
        .filter((e) => e.streamId === 'journal-a')
        .at(-1);
      const previous = events(lines)
        .map((l) => JSON.parse(l))
        .find((e) => e.streamId === 'journal-a' && e.streamVersion === last.streamVersion - 1);
      const bytes = Buffer.from(
        Buffer.from(last.canonical, 'base64')
          .toString()
          .replace('"correlationId":"', '"correlationId":"x'),
      );
      const hash = chainHash(Buffer.from(previous.hash, 'hex'), bytes).toString('hex');
      const canonical = bytes.toString('base64');
      return lines.map((l) =>
        l.includes(`"eventId":"${last.eventId}"`)
          ? JSON.stringify({ ...last, canonical, hash })
          : l,
      );
    });
    const report = await verified(rewritten, trusted);
    expect(report.problems.map((p) => p.code)).toEqual(['INTEGRITY.ROOT_MISMATCH']);
  });
});
