import { Outbox, type OutboxEvent } from './outbox';
import type { OutboxStore, PendingCommand } from './outbox-store';
import { ProblemError } from './problems';

/** The outbox's storage as IndexedDB keeps it: by key, oldest first. */
function memoryStore(): OutboxStore & { rows: Map<string, PendingCommand> } {
  const rows = new Map<string, PendingCommand>();
  return {
    rows,
    put: async (command) => void rows.set(command.key, command),
    remove: async (key) => void rows.delete(key),
    all: async () => [...rows.values()].sort((a, b) => a.createdAt - b.createdAt),
  };
}

const command = (key: string, createdAt: number): PendingCommand => ({
  key,
  path: '/journals/j/lessons/l/entries',
  body: { entries: [{ pupilId: key }] },
  journalId: 'j',
  lessonId: 'l',
  pupilId: key,
  label: '5',
  createdAt,
});

describe('the offline outbox', () => {
  it('keeps every entry while the network is down and sends each once, in order, when it returns', async () => {
    const store = memoryStore();
    let online = false;
    const received: string[] = [];
    const outbox = new Outbox(store, async (c) => {
      if (!online) throw new TypeError('Failed to fetch');
      received.push(c.key);
      return { ok: true };
    });
    const events: OutboxEvent[] = [];
    outbox.subscribe((event) => events.push(event));
    for (const [i, key] of ['a', 'b', 'c'].entries()) await outbox.submit(command(key, i));
    expect([...store.rows.keys()]).toEqual(['a', 'b', 'c']);
    expect(events.at(-1)).toEqual({ kind: 'waiting', pending: 3 });

    online = true;
    await outbox.flush();
    await outbox.flush();
    expect(received).toEqual(['a', 'b', 'c']);
    expect(store.rows.size).toBe(0);
    expect(
      events.filter((e) => e.kind === 'sent').map((e) => e.kind === 'sent' && e.command.key),
    ).toEqual(['a', 'b', 'c']);
    expect(events.at(-1)).toEqual({ kind: 'waiting', pending: 0 });
  });

  it('drops a refused entry with its problem and goes on; a server error keeps it', async () => {
    const store = memoryStore();
    const answers: Record<string, () => never | object> = {
      a: () => {
        throw new ProblemError({ status: 409, code: 'JOURNAL.CELL_CHANGED' });
      },
      b: () => {
        throw new ProblemError({ status: 503, code: 'HTTP.503' });
      },
    };
    const outbox = new Outbox(store, async (c) => (answers[c.key] ?? (() => ({})))());
    const events: OutboxEvent[] = [];
    outbox.subscribe((event) => events.push(event));
    await store.put(command('a', 1));
    await store.put(command('b', 2));
    await outbox.flush();
    expect(events[0]).toMatchObject({ kind: 'refused', problem: { code: 'JOURNAL.CELL_CHANGED' } });
    expect([...store.rows.keys()]).toEqual(['b']);
    expect(events.at(-1)).toEqual({ kind: 'waiting', pending: 1 });
  });

  it('sends a retried entry with the key it was stored with', async () => {
    const store = memoryStore();
    const keys: string[] = [];
    let fail = true;
    const outbox = new Outbox(store, async (c) => {
      keys.push(c.key);
      if (fail) throw new TypeError('connection reset');
      return {};
    });
    await outbox.submit(command('k-1', 1));
    fail = false;
    await outbox.flush();
    expect(keys).toEqual(['k-1', 'k-1']);
    expect(store.rows.size).toBe(0);
  });

  it('sends an entry while its store write commits, and reports it sent only once stored', async () => {
    const store = memoryStore();
    let commit: () => void = () => undefined;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    const put = store.put;
    store.put = async (c) => {
      await committed;
      await put(c);
    };
    const sent: string[] = [];
    const outbox = new Outbox(store, async (c) => void sent.push(c.key));
    const events: OutboxEvent[] = [];
    outbox.subscribe((event) => events.push(event));
    const submitted = outbox.submit(command('k-1', 1));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sent).toEqual(['k-1']);
    expect(events).toEqual([]);
    commit();
    await submitted;
    expect(events.map((e) => e.kind)).toEqual(['sent', 'waiting']);
    expect(store.rows.size).toBe(0);
  });

  it('counts an entry waiting only once it is stored, and keeps it there', async () => {
    const store = memoryStore();
    const outbox = new Outbox(store, async () => {
      throw new TypeError('Failed to fetch');
    });
    const events: OutboxEvent[] = [];
    outbox.subscribe((event) => events.push(event));
    await outbox.submit(command('k-1', 1));
    expect(events).toEqual([{ kind: 'waiting', pending: 1 }]);
    expect([...store.rows.keys()]).toEqual(['k-1']);
    expect((await outbox.pending()).map((c) => c.key)).toEqual(['k-1']);
  });
});
