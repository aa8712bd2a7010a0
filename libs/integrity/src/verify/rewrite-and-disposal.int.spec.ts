import { createTestDatabase, requireInfra } from '@ejournal/testing';
import { Checkpointer } from '../checkpoints/checkpointer';
import { LogInconsistentError } from '../errors';
import { verifyInclusion } from '../merkle/verify-proofs';
import { ProofService } from '../proofs/proof-service';
import { buildWholeLog, markRecorded } from '../testing/integrity-fixture';
import {
  alterPayload,
  asRole,
  rechain,
  tamperScenario,
  type TamperScenario,
} from '../testing/tamper-scenario';

jest.setTimeout(60_000);

const bytes = (hex: string) => Buffer.from(hex, 'hex');

describe('a superuser who rewrites the whole log after the last checkpoint', () => {
  let scenario: TamperScenario;

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL']);
    scenario = await tamperScenario(await createTestDatabase('integrity rewrite'));
    // The forger edits a mark, recomputes its stream, drops the log and its checkpoints...
    await scenario.tamper(
      alterPayload('journal-a', 1),
      rechain('journal-a', 1),
      'DELETE FROM event_store.merkle_leaves',
      'DELETE FROM event_store.merkle_nodes',
      'DELETE FROM event_store.checkpoints',
    );
    // ... and rebuilds the log from the forged events.
    await buildWholeLog(scenario);
  });

  afterAll(async () => {
    await scenario?.drop();
  });

  it('is caught at the next checkpoint: the running checkpointer refuses to sign', async () => {
    const attempt = scenario.checkpointer.checkpoint();
    await expect(attempt).rejects.toThrow(LogInconsistentError);
    const error = (await attempt.catch((caught: unknown) => caught)) as LogInconsistentError;
    console.log(
      'tamper case edit after the last checkpoint, next checkpoint:',
      error.code,
      error.message,
    );
  });

  it('is caught against the published file, even once a restarted checkpointer signed it', async () => {
    const restarted = new Checkpointer({
      db: scenario.pool,
      signer: scenario.signer,
      logId: scenario.logId,
    });
    expect(await restarted.checkpoint()).toMatchObject({ treeSize: 16 });
    const databaseOnly = await scenario.verify({ withPublished: false });
    expect(databaseOnly.ok).toBe(true);
    const report = await scenario.verify();
    console.log(
      'tamper case edit after the last checkpoint, against the published file',
      JSON.stringify(report.firstProblem),
    );
    expect(report.ok).toBe(false);
    expect(report.firstProblem).toMatchObject({
      code: 'INTEGRITY.ROOT_MISMATCH',
      streamId: 'journal-a',
      streamVersion: 1,
      checkpoint: { checkpointId: '1', treeSize: 12, source: 'published' },
    });
    expect(report.problems.map((found) => found.code)).toEqual(
      expect.arrayContaining(['INTEGRITY.CHECKPOINT_MISSING']),
    );
  });
});

describe('a stream disposed after retention', () => {
  let scenario: TamperScenario;

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL']);
    scenario = await tamperScenario(await createTestDatabase('integrity disposal'));
    await scenario.admin.query('BEGIN');
    await scenario.admin.query(asRole(scenario.roles.disposal));
    await scenario.admin.query(
      `SELECT event_store.dispose_stream('journal-c', '2031/17', 'records officer')`,
    );
    await scenario.admin.query('COMMIT');
    // The store and its log carry on after the disposal.
    await scenario.store.append('journal-a', 5, [markRecorded()]);
    await buildWholeLog(scenario);
    await scenario.checkpointer.checkpoint();
  });

  afterAll(async () => {
    await scenario?.drop();
  });

  it('verifies as disposed, not as tampered', async () => {
    const report = await scenario.verify();
    console.log(
      'disposed stream report',
      JSON.stringify({
        ok: report.ok,
        disposedStreams: report.disposedStreams,
        firstProblem: report.firstProblem,
      }),
    );
    expect(report).toMatchObject({ ok: true, firstProblem: null });
    expect(report.disposedStreams).toEqual([
      expect.objectContaining({
        streamId: 'journal-c',
        status: 'disposed (act 2031/17)',
        eventCount: 3,
      }),
    ]);
    expect(report.counts).toMatchObject({ events: 17, leaves: 17, disposedStreams: 1 });
  });

  it('still proves the inclusion of every event, the disposed ones by their kept hashes', async () => {
    const proofs = new ProofService(scenario.pool);
    for (const stream of ['journal-c', 'journal-a']) {
      const place = await scenario.place(stream, 1);
      const proof = await proofs.inclusionProof({ globalPosition: place.globalPosition });
      const { leafIndex, checkpoint, path } = proof;
      expect(
        verifyInclusion(
          bytes(proof.leafHash),
          leafIndex,
          checkpoint.treeSize,
          path.map(bytes),
          bytes(checkpoint.rootHash),
        ),
      ).toBe(true);
    }
  });

  it('reports a payload removed without a disposal', async () => {
    await scenario.tamper(
      `UPDATE event_store.events SET canonical = NULL WHERE stream_id = 'journal-b' AND stream_version = 1`,
    );
    const report = await scenario.verify();
    expect(report.firstProblem).toMatchObject({
      code: 'INTEGRITY.PAYLOAD_MISSING',
      streamId: 'journal-b',
      streamVersion: 1,
    });
  });
});
