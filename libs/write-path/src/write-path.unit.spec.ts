import type { RecordedEvent } from '@ejournal/contracts';
import { defineDecider } from '@ejournal/decider';
import {
  WrongExpectedVersionError,
  type AppendResult,
  type EventStore,
  type IdempotencyRecord,
} from '@ejournal/event-store';
import type { EventContext } from './event-context';
import { WritePath } from './write-path';

type Added = { type: 'Added'; data: { n: number } };

/** A running total: adding 0 decides nothing. */
const counter = defineDecider<{ n: number }, Added, number>({
  initialState: 0,
  decide: ({ n }) => (n === 0 ? [] : [{ type: 'Added', data: { n } }]),
  evolve: (total, event) => total + event.data.n,
});

const context: EventContext = {
  actor: { userId: 'teacher-1', role: 'teacher', onBehalfOf: null },
  correlationId: 'corr-1',
  causationId: null,
  traceparent: null,
};

/**
 * The store port as the write path uses it, scripted: a stream in memory, and appends that
 * fail with a version conflict as many times as asked (another replica writing first).
 */
function scriptedStore(conflicts = 0, earlier: IdempotencyRecord | null = null) {
  const stream: { type: string; data: unknown }[] = [];
  const appends: number[] = [];
  const refused: number[] = [];
  let conflictsLeft = conflicts;
  const store: Pick<EventStore, 'readStream' | 'append' | 'findEarlierRequest'> = {
    readStream: async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return stream.map(
        (event) => ({ ...event, actor: { userId: 'x' } }) as unknown as RecordedEvent,
      );
    },
    findEarlierRequest: async () => earlier,
    append: async (streamId, expected, events): Promise<AppendResult> => {
      const version = stream.length;
      appends.push(events.length);
      await new Promise((resolve) => setImmediate(resolve));
      if ((expected === 'noStream' ? 0 : expected) !== stream.length) {
        refused.push(version);
        throw new WrongExpectedVersionError(streamId, expected, stream.length);
      }
      if (conflictsLeft > 0) {
        conflictsLeft -= 1;
        stream.push({ type: 'Added', data: { n: 100 } });
        throw new WrongExpectedVersionError(streamId, expected, version + 1);
      }
      stream.push(...events.map((event) => ({ type: event.type, data: event.data })));
      return {
        streamId,
        firstVersion: version + 1,
        lastVersion: stream.length,
        positions: [],
        duplicate: false,
      };
    },
  };
  return { store: store as EventStore, stream, appends, refused };
}

const writePath = (store: EventStore) =>
  new WritePath({
    store,
    clock: () => new Date('2026-12-07T09:00:00Z'),
    registry: { currentVersion: () => 1 },
  });

const add = (n: number) => ({
  streamId: 'counter-1',
  decider: counter,
  tenant: { regionId: 'region-91', schoolId: 'school-1' },
  context,
  command: () => ({ n }),
  respond: ({ version, state }: { version: number; state: number }) => ({ version, state }),
});

describe('the write path', () => {
  it('appends what the decider decided and answers with the new version and state', async () => {
    const { store, stream } = scriptedStore();
    expect(await writePath(store).handle(add(3))).toEqual({ version: 1, state: 3 });
    expect(stream).toEqual([{ type: 'Added', data: { n: 3 } }]);
  });

  it('decides again on the newer state after a version conflict', async () => {
    const { store, stream, appends } = scriptedStore(2);
    expect(await writePath(store).handle(add(3))).toEqual({ version: 3, state: 203 });
    expect(appends).toHaveLength(3);
    expect(stream.map((event) => event.data)).toEqual([{ n: 100 }, { n: 100 }, { n: 3 }]);
  });

  it('gives up after ten conflicts with the store’s error', async () => {
    const { store, appends } = scriptedStore(10);
    await expect(writePath(store).handle(add(3))).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(appends).toHaveLength(10);
  });

  it('queues co-writers of one stream: 20 at once all land, none meets a conflict', async () => {
    const { store, stream, refused } = scriptedStore();
    const path = writePath(store);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => path.handle(add(i + 1))),
    );
    expect(refused).toEqual([]);
    expect(stream).toHaveLength(20);
    expect(answers.map((answer) => answer.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(answers.map((answer) => answer.state).sort((a, b) => b - a)[0]).toBe(210);
  });

  it('without the queue the same co-writers would conflict (two write paths, one stream)', async () => {
    const { store, stream, refused } = scriptedStore();
    const [one, two] = [writePath(store), writePath(store)];
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).handle(add(i + 1))));
    expect(stream).toHaveLength(10);
    expect(refused.length).toBeGreaterThan(0);
  });

  it('appends nothing when the decider decides nothing', async () => {
    const { store, appends } = scriptedStore();
    expect(await writePath(store).handle(add(0))).toEqual({ version: 0, state: 0 });
    expect(appends).toEqual([]);
  });

  it('answers a retried Idempotency-Key with the first answer, deciding nothing', async () => {
    const earlier: IdempotencyRecord = {
      caller: 'teacher-1',
      route: 'POST /counters',
      key: 'key-1',
      bodyHash: 'hash',
      response: { version: 1, state: 3 },
      streamId: 'counter-1',
    } as IdempotencyRecord;
    const { store, appends } = scriptedStore(0, earlier);
    const idempotency = {
      caller: 'teacher-1',
      route: 'POST /counters',
      key: 'key-1',
      bodyHash: 'hash',
    };
    expect(await writePath(store).handle({ ...add(3), idempotency })).toEqual({
      version: 1,
      state: 3,
    });
    expect(appends).toEqual([]);
  });
});
