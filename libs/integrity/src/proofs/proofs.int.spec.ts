import { createTestDatabase, requireInfra } from '@ejournal/testing';
import { Checkpointer } from '../checkpoints/checkpointer';
import { checkpointSignatureValid } from '../checkpoints/checkpoint-format';
import { listSigningKeys } from '../checkpoints/key-table';
import { publicKeyObject } from '../checkpoints/signing-key';
import { verifyConsistency, verifyInclusion } from '../merkle/verify-proofs';
import {
  buildWholeLog,
  integrityFixture,
  markRecorded,
  newSigner,
  type IntegrityFixture,
} from '../testing/integrity-fixture';
import { ProofService } from './proof-service';

jest.setTimeout(60_000);

const bytes = (hex: string) => Buffer.from(hex, 'hex');

describe('checkpoints and proofs from the stored log', () => {
  let fixture: IntegrityFixture;
  let proofs: ProofService;
  const signer = newSigner('region-key-2026');
  let now = Date.parse('2027-06-30T12:00:00.000Z');
  const clock = () => new Date((now += 1_000));

  const appendAndBuild = async (streams: number) => {
    await Promise.all(
      Array.from({ length: streams }, (_, i) =>
        fixture.store.append(`journal-proof-${i}-${now}`, 'noStream', [
          markRecorded(),
          markRecorded('4'),
        ]),
      ),
    );
    await buildWholeLog(fixture);
  };

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL']);
    fixture = await integrityFixture(await createTestDatabase('integrity proofs'));
    proofs = new ProofService(fixture.pool);
  });

  afterAll(async () => {
    await fixture?.drop();
  });

  it('signs (logId, size, root, time, key) with Ed25519, only when the log grew', async () => {
    await appendAndBuild(150);
    const checkpointer = new Checkpointer({
      db: fixture.pool,
      signer,
      logId: 'ejournal/test',
      clock,
    });
    const first = await checkpointer.checkpoint();
    expect(first).toMatchObject({
      logId: 'ejournal/test',
      treeSize: 300,
      keyId: 'region-key-2026',
    });
    expect(checkpointSignatureValid(first!, publicKeyObject(signer.publicKey))).toBe(true);
    expect(
      checkpointSignatureValid({ ...first!, treeSize: 299 }, publicKeyObject(signer.publicKey)),
    ).toBe(false);
    expect(await checkpointer.checkpoint()).toBeNull();
    expect(await checkpointer.checkpoint({ force: true })).toMatchObject({ treeSize: 300 });
  });

  it('proves the inclusion of every event, by id or by position, in a checkpoint', async () => {
    const events = await fixture.admin.query<{ event_id: string; global_position: string }>(
      'SELECT event_id::text, global_position::text FROM event_store.events',
    );
    for (const [i, row] of events.rows.entries()) {
      const proof = await proofs.inclusionProof(
        i % 2 ? { eventId: row.event_id } : { globalPosition: row.global_position },
      );
      expect(proof.globalPosition).toBe(row.global_position);
      const { leafIndex, checkpoint, path } = proof;
      const valid = verifyInclusion(
        bytes(proof.leafHash),
        leafIndex,
        checkpoint.treeSize,
        path.map(bytes),
        bytes(checkpoint.rootHash),
      );
      expect(valid).toBe(true);
    }
  });

  it('refuses a proof for an event the checkpoint does not cover yet', async () => {
    await appendAndBuild(1);
    const latest = await fixture.admin.query<{ p: string }>(
      'SELECT max(global_position)::text AS p FROM event_store.events',
    );
    await expect(
      proofs.inclusionProof({ globalPosition: latest.rows[0]!.p }),
    ).rejects.toMatchObject({
      code: 'INTEGRITY.NOT_FOUND',
    });
  });

  it('proves that each checkpoint extends the earlier ones', async () => {
    const checkpointer = new Checkpointer({
      db: fixture.pool,
      signer,
      logId: 'ejournal/test',
      clock,
    });
    await checkpointer.checkpoint();
    await appendAndBuild(40);
    await checkpointer.checkpoint();
    const ids = (
      await fixture.admin.query<{ id: string }>(
        'SELECT checkpoint_id::text AS id FROM event_store.checkpoints ORDER BY checkpoint_id',
      )
    ).rows.map((r) => r.id);
    expect(ids).toHaveLength(4);
    for (const first of ids) {
      for (const second of ids.filter((id) => Number(id) >= Number(first))) {
        const proof = await proofs.consistencyProof(first, second);
        const args = [
          proof.first.treeSize,
          proof.second.treeSize,
          bytes(proof.first.rootHash),
          bytes(proof.second.rootHash),
          proof.path.map(bytes),
        ] as const;
        expect(verifyConsistency(...args)).toBe(true);
      }
    }
  });

  it('rotates keys: the new key signs from its start, the old one stays listed and retires', async () => {
    const next = newSigner('region-key-2027');
    const rotated = new Checkpointer({
      db: fixture.pool,
      signer: next,
      logId: 'ejournal/test',
      clock,
    });
    await appendAndBuild(2);
    const signed = await rotated.checkpoint();
    expect(signed?.keyId).toBe('region-key-2027');
    const old = new Checkpointer({ db: fixture.pool, signer, logId: 'ejournal/test', clock });
    await expect(old.checkpoint({ force: true })).rejects.toThrow(
      'Key region-key-2026 was superseded by region-key-2027',
    );
    const keys = await listSigningKeys(fixture.pool);
    expect(keys.map(({ keyId, validTo }) => [keyId, validTo === null])).toEqual([
      ['region-key-2026', false],
      ['region-key-2027', true],
    ]);
    expect(keys[0]?.validTo).toBe(keys[1]?.validFrom);
    const reused = newSigner('region-key-2027');
    await expect(
      new Checkpointer({
        db: fixture.pool,
        signer: reused,
        logId: 'ejournal/test',
        clock,
      }).checkpoint(),
    ).rejects.toMatchObject({
      code: 'INTEGRITY.SIGNING_KEY',
      message: 'Key id region-key-2027 is listed with another public key',
    });
  });
});
