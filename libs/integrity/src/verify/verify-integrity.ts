import type { SignedCheckpoint } from '../checkpoints/checkpoint-format';
import { Keyring, type PublicKeyEntry } from '../checkpoints/keyring';
import { compareOrder } from '../db';
import type { WitnessPolicy } from '../notes/witness-policy';
import { checkCheckpoints } from './checkpoint-check';
import { checkWitnesses, compareWithStore } from './witness-check';
import { LogCheck } from './log-check';
import { locate } from './event-checks';
import { problem, ProblemLog, type Problem } from './problems';
import type { VerificationReport } from './report';
import { Cursor } from './cursor';
import { StreamChains } from './stream-chains';
import type { EventRecord, VerificationInput } from './verification-input';

export interface VerifyOptions {
  /** The auditor's keyring; without it the source's own key list is used, and said so. */
  trustedKeys?: { entries: PublicKeyEntry[]; description: string };
  /** Checkpoints kept outside the database (the NDJSON file an auditor keeps). */
  published?: { checkpoints: SignedCheckpoint[]; description: string };
  /** Published checkpoints must carry notes cosigned by at least `quorum` of these witnesses. */
  witnesses?: { policy: WitnessPolicy; description: string };
  maxProblems?: number;
  clock?: () => Date;
}

/**
 * Checks a whole store in one pass over the safe order: every stream's hash chain, every leaf
 * of the Merkle log against its event, the log's root at every signed checkpoint (stored and
 * published) and each checkpoint's signature. Problems come in the order of the record, so
 * the first one is the earliest place where it was changed; root mismatches, known once the
 * whole log is replayed, come after those of single events and leaves.
 */
export async function verifyIntegrity(
  input: VerificationInput,
  options: VerifyOptions = {},
): Promise<VerificationReport> {
  const clock = options.clock ?? (() => new Date());
  const [stored, ownKeys, tombstones] = await Promise.all([
    input.checkpoints(),
    input.keys(),
    input.disposals(),
  ]);
  const published = options.published?.checkpoints ?? [];
  const keys = options.trustedKeys?.entries ?? ownKeys;
  const verdict = checkCheckpoints(stored, published, new Keyring(keys));
  const witnessed =
    options.witnesses &&
    checkWitnesses(published, options.witnesses.policy, options.witnesses.description);
  const log = new ProblemLog(options.maxProblems ?? 1_000);
  const chains = new StreamChains(new Map(tombstones.map((t) => [t.streamId, t])));
  const logCheck = new LogCheck(verdict.expected);
  let counts: { events: number; unlogged: number };
  let rootProblems: Problem[];
  try {
    counts = await replay(input, chains, logCheck, log);
    rootProblems = await logCheck.finish();
  } finally {
    await Promise.all([input.close(), logCheck.close()]);
  }
  if (witnessed) {
    const mismatching = rootProblems
      .filter((p) => p.checkpoint?.source === 'published')
      .map((p) => p.checkpoint?.treeSize as number);
    compareWithStore(witnessed.report, new Set(mismatching));
  }
  [
    ...rootProblems,
    ...chains.checkTombstones(),
    ...verdict.problems,
    ...(witnessed?.problems ?? []),
  ].forEach((p) => log.add(p));

  const verified = logCheck.latestVerified;
  return {
    ok: log.problems.length === 0,
    verifiedAt: clock().toISOString(),
    source: input.description,
    trust: {
      keys:
        options.trustedKeys?.description ?? `listed by the source itself (${input.description})`,
      publishedCheckpoints: options.published?.description ?? null,
    },
    counts: {
      events: counts.events,
      streams: chains.streams,
      disposedStreams: tombstones.length,
      leaves: logCheck.size,
      unloggedEvents: counts.unlogged,
      checkpoints: stored.length,
      publishedCheckpoints: published.length,
    },
    latestVerifiedCheckpoint: verified && {
      checkpointId: verified.checkpoint.checkpointId ?? null,
      treeSize: verified.checkpoint.treeSize,
      rootHash: verified.checkpoint.rootHash,
    },
    disposedStreams: tombstones.map((tombstone) => ({
      streamId: tombstone.streamId,
      status: `disposed (act ${tombstone.actReference})`,
      actReference: tombstone.actReference,
      disposedBy: tombstone.disposedBy,
      executedBy: tombstone.executedBy,
      disposedAt: tombstone.disposedAt,
      eventCount: tombstone.eventCount,
    })),
    witnesses: witnessed?.report ?? null,
    firstProblem: log.problems[0] ?? null,
    problems: log.problems,
    problemsOmitted: log.omitted,
  };
}

/**
 * Walks the events (safe order) and the leaves (index order) side by side: both follow the
 * same order, so a leaf without its event is a deleted event, an event without its leaf
 * before the last leaf an inserted one, and the events after the last leaf are not logged yet.
 */
async function replay(
  input: VerificationInput,
  chains: StreamChains,
  logCheck: LogCheck,
  log: ProblemLog,
): Promise<{ events: number; unlogged: number }> {
  const counts = { events: 0, unlogged: 0 };
  const eventCursor = new Cursor(input.events());
  const leafCursor = new Cursor(input.leaves());
  let event = await eventCursor.next();
  let leaf = await leafCursor.next();
  while (event || leaf) {
    const order = event && leaf ? compareOrder(event, leaf) : event ? -1 : 1;
    if (order <= 0 && event) {
      counts.events += 1;
      log.add(chains.check(event, order === 0 && leaf ? leaf.leafIndex : null));
    }
    if (order >= 0 && leaf) {
      logCheck.add(leaf, order === 0 ? event : null).forEach((found) => log.add(found));
    } else if (event && leaf) {
      log.add(notLogged(event));
    } else {
      counts.unlogged += 1;
    }
    if (order <= 0) event = await eventCursor.next();
    if (order >= 0) leaf = await leafCursor.next();
  }
  return counts;
}

const notLogged = (event: EventRecord) =>
  problem('EVENT_NOT_LOGGED', locate(event), 'later events are logged: it was inserted afterwards');
