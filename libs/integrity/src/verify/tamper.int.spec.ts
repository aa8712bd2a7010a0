import { createTestDatabase, requireInfra } from '@ejournal/testing';
import {
  alterPayload,
  rechain,
  releaf,
  tamperScenario,
  type Place,
  type TamperScenario,
} from '../testing/tamper-scenario';

jest.setTimeout(60_000);

/**
 * Each case: a fresh store, tampered with as the PostgreSQL superuser (triggers off), then
 * verified the way an auditor does, with the keyring and the published checkpoints.
 */
describe('the verifier catches a superuser who tampers, and names the place', () => {
  let scenario: TamperScenario;

  beforeEach(async () => {
    await requireInfra(['DATABASE_URL']);
    scenario = await tamperScenario(await createTestDatabase('integrity tamper'));
  });

  afterEach(async () => {
    await scenario?.drop();
  });

  const verifyCase = async (name: string) => {
    const report = await scenario.verify();
    console.log('tamper case', name, JSON.stringify(report.firstProblem));
    expect(report.ok).toBe(false);
    return report;
  };
  const expectAt = (place: Place, leafIndex?: number) =>
    expect.objectContaining({ ...place, ...(leafIndex === undefined ? {} : { leafIndex }) });

  it('verifies the untouched store', async () => {
    const report = await scenario.verify();
    expect(report).toMatchObject({ ok: true, firstProblem: null, problems: [] });
    expect(report.counts).toMatchObject({
      events: 16,
      streams: 4,
      leaves: 16,
      checkpoints: 2,
      publishedCheckpoints: 2,
    });
    expect(report.latestVerifiedCheckpoint?.treeSize).toBe(16);
  });

  it('an altered payload', async () => {
    const place = await scenario.place('journal-b', 2);
    await scenario.tamper(alterPayload('journal-b', 2));
    const report = await verifyCase('altered payload');
    expect(report.firstProblem).toEqual(expectAt(place));
    expect(report.firstProblem?.code).toBe('INTEGRITY.HASH_MISMATCH');
  });

  it('an altered payload with the stream hashes recomputed', async () => {
    const place = await scenario.place('journal-b', 2);
    await scenario.tamper(alterPayload('journal-b', 2), rechain('journal-b', 2));
    const report = await verifyCase('altered payload, stream rehashed');
    expect(report.firstProblem).toEqual(expectAt(place));
    expect(report.firstProblem?.code).toBe('INTEGRITY.LEAF_MISMATCH');
  });

  it('an altered payload with the stream hashes and the log leaves recomputed', async () => {
    await scenario.tamper(alterPayload('journal-b', 2), rechain('journal-b', 2), releaf);
    const report = await verifyCase('altered payload, stream rehashed, leaves rewritten');
    expect(report.firstProblem).toMatchObject({
      code: 'INTEGRITY.ROOT_MISMATCH',
      leafIndex: 0,
      leafRange: { from: 0, to: 12 },
      checkpoint: { checkpointId: '1', treeSize: 12, source: 'database' },
    });
  });

  it('a deleted event', async () => {
    const place = await scenario.place('journal-c', 2);
    await scenario.tamper(
      `DELETE FROM event_store.events WHERE stream_id = 'journal-c' AND stream_version = 2`,
    );
    const report = await verifyCase('deleted event');
    expect(report.firstProblem).toEqual(expectAt(place));
    expect(report.firstProblem?.code).toBe('INTEGRITY.EVENT_MISSING');
  });

  it('a deleted whole stream', async () => {
    const place = await scenario.place('summary-x', 1);
    await scenario.tamper(`DELETE FROM event_store.events WHERE stream_id = 'summary-x'`);
    const report = await verifyCase('deleted stream');
    expect(report.firstProblem).toEqual(expectAt(place));
    expect(report.firstProblem?.code).toBe('INTEGRITY.EVENT_MISSING');
    expect(report.problems.filter((p) => p.code === 'INTEGRITY.EVENT_MISSING')).toHaveLength(3);
  });

  it('a truncated stream tail', async () => {
    const place = await scenario.place('journal-a', 4);
    await scenario.tamper(
      `DELETE FROM event_store.events WHERE stream_id = 'journal-a' AND stream_version >= 4`,
    );
    const report = await verifyCase('truncated tail');
    expect(report.firstProblem).toEqual(expectAt(place));
    expect(report.firstProblem?.code).toBe('INTEGRITY.EVENT_MISSING');
  });

  it('two events swapped', async () => {
    const third = await scenario.place('journal-b', 3);
    await scenario.tamper(
      `UPDATE event_store.events SET stream_version = 1003 WHERE stream_id = 'journal-b' AND stream_version = 3`,
      `UPDATE event_store.events SET stream_version = 3 WHERE stream_id = 'journal-b' AND stream_version = 4`,
      `UPDATE event_store.events SET stream_version = 4 WHERE stream_id = 'journal-b' AND stream_version = 1003`,
    );
    const report = await verifyCase('two events swapped');
    expect(report.firstProblem).toEqual(expectAt({ ...third, streamVersion: 4 }));
    expect(report.firstProblem?.code).toBe('INTEGRITY.COLUMN_MISMATCH');
  });
});
