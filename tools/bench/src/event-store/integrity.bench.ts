import {
  Checkpointer,
  databaseInput,
  listSigningKeys,
  loadSigningKey,
  LogBuilder,
  ProofService,
  verifyInclusion,
  verifyIntegrity,
} from '@ejournal/integrity';
import { generateKeyPairSync } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import type { Pool } from 'pg';
import { percentile, perSecond, round, runConcurrently } from '../measure';

const PROVERS = 16;
const log = (message: string) => process.stderr.write(`[bench event-store] ${message}\n`);
const bytes = (hex: string) => Buffer.from(hex, 'hex');

/**
 * The tamper evidence of a seeded store: the Merkle log built from scratch and signed, then
 * inclusion proofs of random events (each checked), then one verification of everything.
 */
export async function benchIntegrity(pool: Pool, proofs: number) {
  log('building the Merkle log of every event');
  const buildStarted = performance.now();
  const leaves = await buildWholeLog(pool);
  const buildSeconds = (performance.now() - buildStarted) / 1000;
  const { privateKey } = generateKeyPairSync('ed25519');
  const signer = loadSigningKey(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
  const checkpointStarted = performance.now();
  const checkpoint = await new Checkpointer({
    db: pool,
    signer,
    logId: 'ejournal/bench',
  }).checkpoint();
  const checkpointMs = round(performance.now() - checkpointStarted, 1);
  if (!checkpoint || checkpoint.treeSize !== leaves)
    throw new Error('the checkpoint misses leaves');

  log(`${proofs} inclusion proofs of random events by ${PROVERS} clients`);
  const service = new ProofService(pool);
  const positions = await randomPositions(pool, proofs);
  const proving = await runConcurrently(PROVERS, proofs, async (iteration) => {
    const position = positions[iteration % positions.length] as string;
    const proof = await service.inclusionProof({ globalPosition: position });
    const path = proof.path.map(bytes);
    if (
      !verifyInclusion(
        bytes(proof.leafHash),
        proof.leafIndex,
        proof.checkpoint.treeSize,
        path,
        bytes(proof.checkpoint.rootHash),
      )
    ) {
      throw new Error(`the proof of position ${position} does not verify`);
    }
  });

  log('verifying the whole store: chains, log, checkpoint');
  const keys = await listSigningKeys(pool);
  const verifyStarted = performance.now();
  const report = await verifyIntegrity(await databaseInput(pool, 'bench'), {
    trustedKeys: { entries: keys, description: 'bench keyring' },
  });
  const verifySeconds = (performance.now() - verifyStarted) / 1000;
  if (!report.ok) throw new Error(`verification failed: ${JSON.stringify(report.firstProblem)}`);
  return {
    inclusionPerSec: perSecond(proofs, proving.seconds),
    inclusionP99Ms: percentile(proving.latenciesMs, 99),
    verifyEventsPerSec: perSecond(report.counts.events, verifySeconds),
    verifiedEvents: report.counts.events,
    leaves,
    logBuildLeavesPerSec: perSecond(leaves, buildSeconds),
    checkpointMs,
    target: '>= 100000 verified events/s for 1M events',
  };
}

/** Builds until every event is a leaf: another cluster's transaction may hold the horizon. */
async function buildWholeLog(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events');
  const events = Number(rows[0]?.n);
  const builder = new LogBuilder(pool, 20_000);
  let leaves = 0;
  for (const deadline = Date.now() + 120_000; leaves < events;) {
    const added = await builder.catchUp();
    leaves += added;
    if (Date.now() > deadline) throw new Error(`only ${leaves} of ${events} events were logged`);
    if (added === 0) await setTimeout(50);
  }
  return leaves;
}

async function randomPositions(pool: Pool, count: number): Promise<string[]> {
  const { rows } = await pool.query<{ p: string }>(
    `SELECT global_position::text AS p FROM event_store.merkle_leaves
     WHERE leaf_index = ANY(SELECT (random() * (SELECT max(leaf_index)
       FROM event_store.merkle_leaves))::bigint FROM generate_series(1, $1))`,
    [count],
  );
  return rows.map((row) => row.p);
}
