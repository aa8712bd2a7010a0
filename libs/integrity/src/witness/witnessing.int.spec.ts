import { createTestDatabase, requireInfra } from '@ejournal/testing';
import { signCheckpoint, type SignedCheckpoint } from '../checkpoints/checkpoint-format';
import { Checkpointer } from '../checkpoints/checkpointer';
import { insertCheckpoint } from '../checkpoints/checkpoint-table';
import { listSigningKeys } from '../checkpoints/key-table';
import { main } from '../cli/main';
import { logRoot, logSize } from '../log/log-size';
import { logVerifierKey } from '../notes/checkpoint-note';
import { witnessPolicy } from '../notes/witness-policy';
import { ProofService } from '../proofs/proof-service';
import {
  buildWholeLog,
  integrityFixture,
  markRecorded,
  newSigner,
  untilReadable,
  type IntegrityFixture,
} from '../testing/integrity-fixture';
import { alterPayload, rechain } from '../testing/tamper-scenario';
import { goNoteVerify, registerLog, testWitnesses, type TestWitness } from '../testing/witnesses';
import { databaseInput } from '../verify/database-input';
import { verifyIntegrity } from '../verify/verify-integrity';
import { addCheckpoint } from './witness-client';
import { Witnessing, type WitnessedCheckpoint } from './witnessing';

jest.setTimeout(60_000);

describe('witnessing: two litewitness servers cosign each checkpoint, and refuse a rewrite', () => {
  let fixture: IntegrityFixture;
  let witnesses: TestWitness[];
  let witnessing: Witnessing;
  let checkpointer: Checkpointer;
  const signer = newSigner('witnessed-2027');
  let logId: string;
  let logKey: string;
  const witnessed: WitnessedCheckpoint[] = [];

  const heads = new Map<string, number>();
  const append = async (stream: string, count: number) => {
    const head = heads.get(stream) ?? 0;
    const events = Array.from({ length: count }, () => markRecorded());
    await fixture.store.append(stream, head === 0 ? 'noStream' : head, events);
    heads.set(stream, head + count);
  };
  const signNext = async (expected: number) => {
    await untilReadable(fixture, expected);
    expect(await buildWholeLog(fixture)).toBe(expected);
    return (await checkpointer.checkpoint()) as SignedCheckpoint;
  };

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL']);
    witnesses = testWitnesses();
    fixture = await integrityFixture(await createTestDatabase('integrity witnessing'));
    logId = `ejournal.test/${fixture.name}`;
    logKey = logVerifierKey(logId, signer.publicKey);
    await registerLog(witnesses, logId, logKey);
    checkpointer = new Checkpointer({ db: fixture.pool, signer, logId });
    witnessing = new Witnessing({
      db: fixture.pool,
      witnesses,
      onUnavailable: (witness, detail) => {
        throw new Error(`${witness} unavailable: ${detail}`);
      },
    });
  });

  afterAll(async () => {
    await fixture?.drop();
  });

  it('sends each checkpoint with its consistency proof; both cosign; Go’s note package verifies it', async () => {
    for (const [stream, count, size] of [
      ['journal-a', 4, 4],
      ['journal-b', 5, 9],
      ['journal-a', 3, 12],
    ] as const) {
      await append(stream, count);
      const checkpoint = await signNext(size);
      const result = await witnessing.witness(checkpoint);
      expect(result.witnessRefusals).toEqual([]);
      expect(result.cosignedBy.sort()).toEqual(witnesses.map((w) => w.key.name).sort());
      witnessed.push(result);
    }
    const last = witnessed.at(-1) as WitnessedCheckpoint;
    console.log(`witnessed checkpoint note (log key ${last.logVerifierKey}):\n${last.note}`);
    expect(last.logVerifierKey).toBe(logKey);
    const go = await goNoteVerify(
      last.note,
      logKey,
      witnesses.map((w) => w.key.text),
      2,
    );
    expect(go).toEqual({
      origin: logId,
      size: 12,
      hash: Buffer.from(last.rootHash, 'hex').toString('base64'),
      verifiedBy: [logId, ...witnesses.map((w) => w.key.name)],
    });
    // The Go package refuses the note under another key, and a note with a changed size.
    await expect(
      goNoteVerify(last.note, logVerifierKey(logId, newSigner().publicKey)),
    ).rejects.toThrow(/verify|unknown key/i);
    await expect(goNoteVerify(last.note.replace('\n12\n', '\n13\n'), logKey)).rejects.toThrow();
  });

  it('ejournal-verify prints the log’s verifier key and a stored checkpoint as a note', async () => {
    const run = async (...argv: string[]) => {
      let out = '';
      const code = await main(argv, { stdout: (t) => (out += t), stderr: () => undefined });
      return { code, out };
    };
    expect(await run('verifier-key', '--database-url', fixture.appUrl)).toEqual({
      code: 0,
      out: `${logKey}\n`,
    });
    const last = witnessed.at(-1) as WitnessedCheckpoint;
    expect(await run('note', '--database-url', fixture.appUrl)).toEqual({
      code: 0,
      out: last.note,
    });
  });

  it('retries from the size a witness answers with 409, and asks nobody twice', async () => {
    await append('journal-c', 2);
    const checkpoint = await signNext(14);
    const [first] = witnesses as [TestWitness];
    // Someone else brought the first witness to 14 leaves already.
    const proof = await new ProofService(fixture.pool).consistencyBetweenSizes(12, 14);
    const note = (await witnessing.describe(checkpoint)).note;
    const direct = await addCheckpoint(
      first,
      12,
      proof.map((hash) => Buffer.from(hash, 'hex')),
      note,
    );
    expect(direct.kind).toBe('cosigned');
    const stale = await addCheckpoint(first, 12, [], note);
    expect(stale).toEqual({ kind: 'conflict', knownSize: 14 });
    const result = await witnessing.witness(checkpoint);
    expect(result.cosignedBy).toHaveLength(2);
    witnessed.push(result);
    expect((await witnessing.witness(checkpoint)).note).toBe(result.note);
  });

  it('keeps a 403 for a log the witnesses were never told about, as a refusal', async () => {
    const size = await logSize(fixture.pool);
    const unknown = signCheckpoint(
      {
        logId: `${logId}-unregistered`,
        treeSize: size,
        rootHash: (await logRoot(fixture.pool, size)).toString('hex'),
        signedAt: new Date().toISOString(),
        keyId: signer.keyId,
      },
      signer.privateKey,
    );
    const stored = await insertCheckpoint(fixture.pool, unknown);
    const result = await witnessing.witness(stored);
    expect(result.cosignedBy).toEqual([]);
    expect(result.witnessRefusals).toEqual(
      witnesses.map((w) => expect.objectContaining({ witness: w.key.name, status: 403 })),
    );
  });

  it('a superuser’s rewrite, re-signed with the log key: both witnesses refuse, and the verifier narrows it', async () => {
    // Rewrite journal-b@2 (leaf 5), recompute its chain, rebuild the whole log, sign it anew.
    await fixture.tamper(
      alterPayload('journal-b', 2),
      rechain('journal-b', 2),
      'DELETE FROM event_store.merkle_leaves',
      'DELETE FROM event_store.merkle_nodes',
    );
    await append('journal-d', 1);
    await untilReadable(fixture, 15);
    expect(await buildWholeLog(fixture)).toBe(15);
    const size = await logSize(fixture.pool);
    const forgedFields = {
      logId,
      treeSize: size,
      rootHash: (await logRoot(fixture.pool, size)).toString('hex'),
      signedAt: new Date().toISOString(),
      keyId: signer.keyId,
    };
    const forged = await insertCheckpoint(
      fixture.admin,
      signCheckpoint(forgedFields, signer.privateKey),
    );
    const result = await witnessing.witness(forged);
    console.log('witnesses on the rewritten log:', JSON.stringify(result.witnessRefusals));
    expect(result.cosignedBy).toEqual([]);
    expect(result.witnessRefusals).toEqual(
      witnesses.map((w) =>
        expect.objectContaining({
          witness: w.key.name,
          status: 422,
          detail: 'bad consistency proof',
        }),
      ),
    );

    const keys = await listSigningKeys(fixture.pool);
    const report = await verifyIntegrity(await databaseInput(fixture.pool, 'rewritten store'), {
      trustedKeys: { entries: keys, description: 'keyring kept by the auditor' },
      published: { checkpoints: witnessed, description: 'witnessed checkpoints' },
      witnesses: {
        policy: witnessPolicy(
          witnesses.map((w) => w.key.text),
          2,
        ),
        description: '2 of 2 test witnesses',
      },
    });
    console.log('verifier on the rewritten store:', JSON.stringify(report.firstProblem));
    expect(report.ok).toBe(false);
    expect(report.firstProblem).toMatchObject({
      code: 'INTEGRITY.ROOT_MISMATCH',
      streamId: 'journal-b',
      leafIndex: 4,
      leafRange: { from: 4, to: 9 },
      checkpoint: { treeSize: 9 },
    });
    // The witnessed checkpoints narrow it: 4 leaves still match, 9 no longer do (leaf 5 changed).
    const published = report.problems.filter((p) => p.checkpoint?.source === 'published');
    expect(published.map((p) => [p.code, p.checkpoint?.treeSize, p.leafRange])).toEqual([
      ['INTEGRITY.ROOT_MISMATCH', 9, { from: 4, to: 9 }],
      ['INTEGRITY.ROOT_MISMATCH', 12, { from: 4, to: 12 }],
      ['INTEGRITY.ROOT_MISMATCH', 14, { from: 4, to: 14 }],
    ]);
    expect(report.witnesses?.witnesses).toEqual(
      witnesses.map((w) => ({
        witness: w.key.name,
        treeSizes: [4, 9, 12, 14],
        latestTreeSize: 14,
      })),
    );
    expect(report.witnesses?.checkpoints.every((c) => c.witnessed)).toBe(true);
    expect(report.witnesses?.store).toEqual({
      matches: false,
      lastMatchingTreeSize: 4,
      firstMismatchingTreeSize: 9,
    });
  });
});
