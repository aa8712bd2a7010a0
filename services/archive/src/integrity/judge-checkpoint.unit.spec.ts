import type { IntegrityCheckpoint } from '@ejournal/contracts';
import { checkpointNote, signCheckpoint } from '@ejournal/integrity';
import { newSigner } from '@ejournal/integrity/testing';
import { judgeCheckpoint } from './judge-checkpoint';

describe('judgeCheckpoint: notes and witnesses', () => {
  const signer = newSigner('journal-2027');
  const signed = {
    ...signCheckpoint(
      {
        logId: 'ejournal/journal',
        treeSize: 3,
        rootHash: 'cd'.repeat(32),
        signedAt: '2027-01-10T08:00:00.000Z',
        keyId: signer.keyId,
      },
      signer.privateKey,
    ),
    checkpointId: '5',
  };
  const message: IntegrityCheckpoint = {
    schemaVersion: 1,
    service: 'journal',
    ...signed,
    publicKey: signer.publicKey.toString('base64'),
    consistency: null,
  };
  const trust = { kind: 'first-use' } as const;

  it('accepts a checkpoint whose note is its own body and signature', () => {
    const note = checkpointNote(signed, signer.publicKey);
    expect(judgeCheckpoint({ ...message, note }, null, trust)).toEqual({ verdict: 'first' });
  });

  it('fails a note that carries another body', () => {
    const note = checkpointNote({ ...signed, treeSize: 4 }, signer.publicKey);
    expect(judgeCheckpoint({ ...message, note }, null, trust)).toMatchObject({
      verdict: 'failed',
      code: 'INTEGRITY.NOTE_MISMATCH',
    });
  });

  it('raises WITNESS_REFUSED when a witness refused the checkpoint, naming it', () => {
    const witnesses = {
      quorum: 1,
      cosignedBy: [],
      refusals: [
        {
          witness: 'supervision.example/witness',
          status: 422,
          detail: 'bad consistency proof',
          refusedAt: '2027-01-10T08:00:01.000Z',
        },
      ],
    };
    const verdict = judgeCheckpoint({ ...message, witnesses }, null, trust);
    expect(verdict).toMatchObject({ verdict: 'failed', code: 'INTEGRITY.WITNESS_REFUSED' });
    expect(verdict.verdict === 'failed' && verdict.problem).toMatch(
      /supervision\.example\/witness \(422 bad consistency proof\)/,
    );
  });
});
