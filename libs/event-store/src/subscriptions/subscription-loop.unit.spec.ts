import type { RecordedEvent } from '@ejournal/contracts';
import type { GlobalCheckpoint, GlobalEntry } from '../event-store.port';
import { startSubscription, type SubscriptionSource } from './subscription-loop';

/** An in-memory global order: entry i sits at checkpoint (i, i). */
function fakeSource(count: number, stored: GlobalCheckpoint | null = null) {
  const entries: GlobalEntry[] = Array.from({ length: count }, (_unused, i) => ({
    event: { eventId: `e${i + 1}` } as RecordedEvent,
    checkpoint: { txId: String(i + 1), position: String(i + 1) },
  }));
  const saved: GlobalCheckpoint[] = stored ? [stored] : [];
  const waits: number[] = [];
  const source: SubscriptionSource = {
    async read(from, limit) {
      const after = entries.filter(
        (entry) => Number(entry.checkpoint.position) > Number(from.position),
      );
      const page = after.slice(0, limit);
      return { entries: page, next: page.at(-1)?.checkpoint ?? from };
    },
    loadCheckpoint: async () => saved.at(-1) ?? null,
    saveCheckpoint: async (_name, checkpoint) => void saved.push(checkpoint),
    async waitForAppend(ms, signal) {
      waits.push(ms);
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, 1);
        signal.addEventListener('abort', () => (clearTimeout(timer), resolve(undefined)));
      });
      return false;
    },
  };
  return { source, saved, waits };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i += 1) await new Promise((r) => setTimeout(r, 2));
  expect(check()).toBe(true);
};

describe('startSubscription', () => {
  const backoff = { minMs: 10, maxMs: 40 };

  it('hands events over in order and stores the checkpoint after each handled page', async () => {
    const { source, saved } = fakeSource(5);
    const handled: string[] = [];
    const subscription = startSubscription(
      source,
      { name: 's', batchSize: 2, handler: (event) => void handled.push(event.eventId) },
      backoff,
    );
    await until(() => handled.length === 5);
    await subscription.stop();
    expect(handled).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    expect(saved.map((checkpoint) => checkpoint.position)).toEqual(['2', '4', '5']);
  });

  it('keeps looking at the shortest interval while a signalled append is not readable yet', async () => {
    const { source, waits } = fakeSource(0);
    let signals = 1;
    source.waitForAppend = async (ms) => {
      waits.push(ms);
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (signals === 0) return false;
      signals -= 1;
      return true;
    };
    const subscription = startSubscription(
      source,
      { name: 's', handler: () => undefined },
      backoff,
    );
    await until(() => waits.length >= 6);
    await subscription.stop();
    // Signalled once; the append stays unreadable (the horizon), so no backoff meanwhile.
    expect(waits.slice(0, 6)).toEqual([10, 10, 10, 10, 10, 10]);
  });

  it('resumes after the stored checkpoint', async () => {
    const { source } = fakeSource(4, { txId: '2', position: '2' });
    const handled: string[] = [];
    const subscription = startSubscription(
      source,
      { name: 's', handler: (e) => void handled.push(e.eventId) },
      backoff,
    );
    await until(() => handled.length === 2);
    await subscription.stop();
    expect(handled).toEqual(['e3', 'e4']);
  });

  it('stores progress up to a failure, reports it, and retries the failed event', async () => {
    const { source, saved } = fakeSource(3);
    const handled: string[] = [];
    const errors: unknown[] = [];
    let failed = false;
    const subscription = startSubscription(
      source,
      {
        name: 's',
        onError: (error) => errors.push(error),
        handler: (event) => {
          if (event.eventId === 'e2' && !failed) {
            failed = true;
            throw new Error('down');
          }
          handled.push(event.eventId);
        },
      },
      backoff,
    );
    await until(() => handled.length === 3);
    await subscription.stop();
    expect(handled).toEqual(['e1', 'e2', 'e3']);
    expect(saved[0]?.position).toBe('1');
    expect(errors).toEqual([new Error('down')]);
  });

  it('backs off while idle, and stop() ends the loop at once', async () => {
    const { source, waits } = fakeSource(0);
    const subscription = startSubscription(
      source,
      { name: 's', handler: () => undefined },
      backoff,
    );
    await until(() => waits.length >= 4);
    const started = Date.now();
    await subscription.stop();
    expect(Date.now() - started).toBeLessThan(500);
    expect(waits.slice(0, 4)).toEqual([10, 20, 40, 40]);
  });
});
