import { journalStreamId } from '@ejournal/contracts';
import { versionKey } from '@ejournal/messaging';
import type { Connection } from 'mongoose';
import type { Pool } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { perSecond } from '../measure';

// The journal's projector: its subscription's name and the collection of journal headers.
const SUBSCRIPTION = 'journal-read-models';
const HEADERS = 'journals';

/** The relay's checkpoint in the store (`relay:<service>`). */
export const RELAY = 'relay:journal';

/**
 * Where a durable checkpoint stands against the store's last event in the safe order
 * (transaction, position): concurrent appends interleave positions, so the largest one may
 * belong to an earlier transaction and a caught-up checkpoint would never reach it.
 */
async function progress(pool: Pool, subscription: string) {
  const { rows } = await pool.query<{ checkpoint: string | null; head: string | null }>(
    `SELECT (SELECT global_position FROM event_store.subscription_checkpoints WHERE name = $1)
              AS checkpoint,
            (SELECT global_position FROM event_store.events
              ORDER BY transaction_id DESC, global_position DESC LIMIT 1) AS head`,
    [subscription],
  );
  return { checkpoint: Number(rows[0]?.checkpoint ?? 0), head: Number(rows[0]?.head ?? 0) };
}

/**
 * Waits until a checkpoint (the projector's by default, or the relay's) reaches the store's
 * head as it is now; reports the events it went through per second (the checkpoint is saved
 * after each page handled).
 */
export async function projectorCatchUp(
  pool: Pool,
  log: (line: string) => void,
  withinMs: number,
  subscription = SUBSCRIPTION,
) {
  const start = await progress(pool, subscription);
  const target = start.head;
  const started = performance.now();
  let now = start;
  for (let tick = 1; now.checkpoint < target; tick += 1) {
    if (performance.now() - started > withinMs) break;
    await sleep(1000);
    now = await progress(pool, subscription);
    if (tick % 10 === 0) {
      const done = `${now.checkpoint - start.checkpoint}/${target - start.checkpoint}`;
      log(`${subscription} at ${done} events`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const events = now.checkpoint - start.checkpoint;
  return {
    events,
    remaining: Math.max(0, target - now.checkpoint),
    seconds: Number(seconds.toFixed(1)),
    eventsPerSec: perSecond(events, seconds),
  };
}

/**
 * Append-to-grid lag: for each sampled command, the time from its answer (its append came
 * before) until the journal's header in the read store holds the command's stream version.
 * The header is the last document each event writes, so the grid then includes the command.
 * One poller reads every journal's header every `everyMs`; the sum of their versions is how
 * far the projector got (events of the journals projected).
 */
export function headerWatcher(mongo: Connection, journalIds: string[], everyMs = 100) {
  const versions = new Map<string, number>();
  const pending = new Map<string, { version: number; answeredAt: number }[]>();
  const lagsMs: number[] = [];
  let running = true;
  const readHeaders = async () => {
    const headers = await mongo
      .collection(HEADERS)
      .find({ _id: { $in: journalIds } } as never, { projection: { versions: 1 } })
      .toArray();
    const seenAt = performance.now();
    for (const header of headers) {
      const id = String(header['_id']);
      const stored = (header['versions'] ?? {}) as Record<string, number>;
      const version = stored[versionKey(journalStreamId(id))] ?? 0;
      versions.set(id, version);
      const left = (pending.get(id) ?? []).filter((sample) => {
        if (sample.version > version) return true;
        lagsMs.push(seenAt - sample.answeredAt);
        return false;
      });
      if (left.length > 0) pending.set(id, left);
      else pending.delete(id);
    }
  };
  const polling = (async () => {
    while (running) await Promise.all([readHeaders(), sleep(everyMs)]);
  })();
  polling.catch(() => undefined); // rethrown by stop()
  const projected = () => [...versions.values()].reduce((sum, version) => sum + version, 0);
  return {
    projected,
    sample(journalId: string, version: number, answeredAt: number) {
      pending.set(journalId, [...(pending.get(journalId) ?? []), { version, answeredAt }]);
    },
    /** Resolves when every sample so far was seen projected, or after `withinMs`. */
    async settle(withinMs: number) {
      for (const deadline = Date.now() + withinMs; pending.size > 0 && Date.now() < deadline;)
        await sleep(everyMs);
      const now = performance.now();
      const waiting = [...pending.values()].flat().map((sample) => now - sample.answeredAt);
      pending.clear();
      return { lagsMs: lagsMs.splice(0), unresolved: waiting };
    },
    async stop() {
      running = false;
      await polling;
    },
  };
}

/**
 * Waits until the store's Merkle log (built by the service's integrity runner) holds every
 * event the store holds now: after the history is appended in bulk the runner has a year to
 * hash, and the load is measured once it is back to following appends as they come.
 */
export async function integrityCatchUp(pool: Pool, log: (line: string) => void, withinMs: number) {
  const count = async () => {
    const { rows } = await pool.query<{ leaves: string; events: string }>(
      `SELECT (SELECT coalesce(max(leaf_index) + 1, 0) FROM event_store.merkle_leaves) AS leaves,
              (SELECT count(*) FROM event_store.events) AS events`,
    );
    return { leaves: Number(rows[0]?.leaves ?? 0), events: Number(rows[0]?.events ?? 0) };
  };
  const start = await count();
  const started = performance.now();
  let now = start;
  for (let tick = 1; now.leaves < start.events; tick += 1) {
    if (performance.now() - started > withinMs) break;
    await sleep(1000);
    now = await count();
    if (tick % 10 === 0) log(`Merkle log at ${now.leaves}/${start.events} events`);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    leaves: now.leaves - start.leaves,
    remaining: Math.max(0, start.events - now.leaves),
    seconds: Number(seconds.toFixed(1)),
    leavesPerSec: perSecond(now.leaves - start.leaves, seconds),
  };
}
