import type { RecordedEvent } from '@ejournal/contracts';
import type { EventStore } from '@ejournal/event-store';
import type { JournalConfig } from '../config';
import { StreamStates } from './stream-states';

type Tally = { seen: string[] };
const initialState: Tally = { seen: [] };
/** Folds by pushing into `seen`: in place when owned, on a copy otherwise. */
const tally = {
  initialState,
  evolveAll: (state: Tally, events: readonly { type: string }[]) => ({
    seen: [...state.seen, ...events.map((event) => event.type)],
  }),
  evolveOwned: (state: Tally, events: readonly { type: string }[]) => {
    state.seen.push(...events.map((event) => event.type));
    return state;
  },
};

function storeOf(types: string[]) {
  const store = {
    readStream: async (_: string, { from = 1 }: { from?: number } = {}) =>
      types
        .slice(from - 1)
        .map((type) => ({ type, data: {}, eventId: type, actor: { userId: 'x' } })),
    loadSnapshot: async () => null,
    saveSnapshot: async () => undefined,
  };
  return store as unknown as EventStore & { readStream(): Promise<RecordedEvent[]> };
}

const config = { SNAPSHOT_EVERY: 1000 } as JournalConfig;

describe('the journal’s stream states', () => {
  it('hands the write path the cached state to fold into, and no one else', async () => {
    const types = ['A', 'B'];
    const states = new StreamStates(storeOf(types), config);
    const first = await states.load('journal-1', tally);
    expect(first).toEqual({ state: { seen: ['A', 'B'] }, version: 2 });

    const taken = await states.load('journal-1', tally, { take: true });
    const reader = await states.load('journal-1', tally); // while the write path holds it
    tally.evolveOwned(taken.state, [{ type: 'C' }]);
    expect(reader.state.seen).toEqual(['A', 'B']);
    expect(first.state.seen).toEqual(['A', 'B']);
    expect(initialState.seen).toEqual([]);
  });

  it('never folds into the initial state every stream starts from', async () => {
    const states = new StreamStates(storeOf(['A']), config);
    const taken = await states.load('journal-2', tally, { take: true });
    tally.evolveOwned(taken.state, [{ type: 'B' }]);
    expect(initialState.seen).toEqual([]);
    await states.remember('journal-2', { state: taken.state, version: 2 }, 1);
    expect((await states.load('journal-2', tally)).state.seen).toEqual(['A', 'B']);
  });
});
