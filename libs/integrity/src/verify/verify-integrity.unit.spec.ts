import { chainHash, hashedBytes } from '@ejournal/contracts';
import { generateKeyPairSync } from 'node:crypto';
import { signCheckpoint } from '../checkpoints/checkpoint-format';
import { rawPublicKey } from '../checkpoints/signing-key';
import { MerkleFrontier } from '../merkle/merkle-frontier';
import { leafHash } from '../merkle/tree-hash';
import type { EventRecord, LeafRecord, VerificationInput } from './verification-input';
import { verifyIntegrity } from './verify-integrity';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const keys = [
  {
    keyId: 'k',
    algorithm: 'Ed25519' as const,
    publicKey: rawPublicKey(publicKey).toString('base64'),
    validFrom: '2020-01-01T00:00:00.000Z',
    validTo: null,
  },
];

/** Two streams interleaved, hashed as the store does: an input without a database. */
function store(count: number): { events: EventRecord[]; leaves: LeafRecord[] } {
  const events: EventRecord[] = [];
  const heads = new Map<string, Buffer | null>();
  for (let i = 0; i < count; i++) {
    const streamId = `journal-${i % 2}`;
    const streamVersion = Math.floor(i / 2) + 1;
    const recordedAt = '2027-01-01T00:00:00.000Z';
    const eventId = `0190c0de-0000-7000-8000-${String(i).padStart(12, '0')}`;
    const canonical = hashedBytes({
      eventId,
      type: 'MarkRecorded',
      schemaVersion: 2,
      streamId,
      streamVersion,
      occurredAt: recordedAt,
      recordedAt,
      tenant: { regionId: 'r', schoolId: 's' },
      actor: { userId: 'u', role: 't', onBehalfOf: null },
      correlationId: 'c',
      causationId: null,
      data: { i },
    });
    const prevHash = heads.get(streamId) ?? null;
    const hash = chainHash(prevHash, canonical);
    heads.set(streamId, hash);
    events.push({
      txId: String(100 + i),
      position: String(i + 1),
      streamId,
      streamVersion,
      eventId,
      type: 'MarkRecorded',
      recordedAt,
      canonical,
      prevHash,
      hash,
    });
  }
  const leaves = events.map((event, leafIndex) => ({
    ...event,
    leafIndex,
    eventHash: event.hash as Buffer,
  }));
  return { events, leaves };
}

function input(
  events: EventRecord[],
  leaves: LeafRecord[],
  signedSizes: number[],
): VerificationInput {
  const checkpoints = signedSizes.map((treeSize, i) => {
    const frontier = MerkleFrontier.empty();
    leaves.slice(0, treeSize).forEach((leaf) => frontier.push(leafHash(leaf.eventHash)));
    const fields = {
      logId: 'log',
      treeSize,
      rootHash: frontier.root().toString('hex'),
      signedAt: '2027-01-02T00:00:00.000Z',
      keyId: 'k',
    };
    return { ...signCheckpoint(fields, privateKey), checkpointId: String(i + 1) };
  });
  return {
    description: 'memory',
    events: async function* () {
      yield events;
    },
    leaves: async function* () {
      yield leaves;
    },
    checkpoints: async () => checkpoints,
    keys: async () => keys,
    disposals: async () => [],
    close: async () => undefined,
  };
}

describe('verifyIntegrity (in memory)', () => {
  it('accepts a store whose log trails its events, counting the unlogged tail', async () => {
    const { events, leaves } = store(10);
    const report = await verifyIntegrity(input(events, leaves.slice(0, 7), [4, 7]));
    expect(report).toMatchObject({
      ok: true,
      counts: { events: 10, streams: 2, leaves: 7, unloggedEvents: 3, checkpoints: 2 },
    });
    expect(report.latestVerifiedCheckpoint?.treeSize).toBe(7);
  });

  it('names an event inserted inside the logged range', async () => {
    const { events, leaves } = store(6);
    const report = await verifyIntegrity(
      input(
        events,
        leaves
          .filter((leaf) => leaf.leafIndex !== 2)
          .map((leaf, leafIndex) => ({ ...leaf, leafIndex })),
        [],
      ),
    );
    expect(report.firstProblem).toMatchObject({
      code: 'INTEGRITY.EVENT_NOT_LOGGED',
      streamId: 'journal-0',
      streamVersion: 2,
      globalPosition: '3',
    });
  });

  it('reports a log shorter than a signed checkpoint, and a bad signature', async () => {
    const { events, leaves } = store(6);
    const source = input(events, leaves, [6]);
    const shorter = {
      ...source,
      leaves: async function* () {
        yield leaves.slice(0, 4);
      },
    };
    const report = await verifyIntegrity(shorter);
    expect(report.problems.map((found) => found.code)).toEqual(['INTEGRITY.LOG_TRUNCATED']);
    const forged = {
      ...source,
      checkpoints: async () => (await source.checkpoints()).map((c) => ({ ...c, treeSize: 5 })),
    };
    expect((await verifyIntegrity(forged)).firstProblem).toMatchObject({
      code: 'INTEGRITY.SIGNATURE_INVALID',
    });
  });

  it('reports a broken link and a version gap at the stream and version they concern', async () => {
    const { events } = store(8);
    const gap = events.filter(
      (event) => !(event.streamId === 'journal-1' && event.streamVersion === 2),
    );
    const report = await verifyIntegrity(input(gap, [], []));
    expect(report.firstProblem).toMatchObject({
      code: 'INTEGRITY.VERSION_GAP',
      streamId: 'journal-1',
      streamVersion: 2,
      globalPosition: null,
    });
    const zero = Buffer.alloc(32);
    const relinked = events.map((event, i) =>
      i === 4
        ? { ...event, prevHash: zero, hash: chainHash(zero, event.canonical as Buffer) }
        : event,
    );
    expect((await verifyIntegrity(input(relinked, [], []))).firstProblem).toMatchObject({
      code: 'INTEGRITY.CHAIN_BROKEN',
      streamId: 'journal-0',
      streamVersion: 3,
    });
  });
});
