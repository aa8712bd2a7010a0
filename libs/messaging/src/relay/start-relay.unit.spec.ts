import type { GlobalCheckpoint, GlobalPage } from '@ejournal/event-store';
import type { Publisher } from '../port/message-bus.port';
import { recordedMark } from '../testing/sample-events';
import { until } from '../testing/until';
import type { RelayLease } from './relay-lease.port';
import { startRelay, type RelayOptions } from './start-relay';

const at = (position: number): GlobalCheckpoint => ({ txId: '1', position: String(position) });

function fakes(events: number) {
  const log: string[] = [];
  const entries = Array.from({ length: events }, (_, index) => ({
    event: recordedMark('journal-1', index + 1),
    checkpoint: at(index + 1),
  }));
  const store: RelayOptions['store'] = {
    async readAll(from, options = {}) {
      const page = entries.filter(
        (entry) => Number(entry.checkpoint.position) > Number(from.position),
      );
      const taken = page.slice(0, options.limit);
      return { entries: taken, next: taken.at(-1)?.checkpoint ?? from };
    },
    readCategory: () => Promise.reject(new Error('not used')),
  };
  let saved: GlobalCheckpoint | null = null;
  const lease: RelayLease & { grant: boolean; held: boolean } = {
    grant: true,
    held: false,
    async acquire(signal) {
      while (!this.grant && !signal.aborted) await new Promise((resolve) => setTimeout(resolve, 2));
      this.held = !signal.aborted;
      log.push(this.held ? 'acquire' : 'acquire aborted');
      return this.held;
    },
    loadCheckpoint: async () => saved,
    async saveCheckpoint(checkpoint) {
      saved = checkpoint;
      log.push(`save ${checkpoint.position}`);
    },
    countBehind: async () => 0,
    async release() {
      this.held = false;
      log.push('release');
    },
  };
  let failures = 0;
  const publisher: Publisher & { failNext(count: number): void } = {
    failNext: (count) => void (failures = count),
    async publish(_topic, messages) {
      const versions = messages.map((message) => message.headers['streamVersion']).join(',');
      if (failures > 0) {
        failures -= 1;
        log.push(`publish ${versions} failed`);
        throw new Error('broker down');
      }
      log.push(`publish ${versions}`);
    },
    close: async () => undefined,
  };
  return { log, store, lease, publisher };
}

const options = (parts: ReturnType<typeof fakes>, extra: Partial<RelayOptions> = {}) => ({
  store: parts.store,
  lease: parts.lease,
  publisher: parts.publisher,
  topic: 't',
  batchSize: 2,
  polling: { minMs: 1, maxMs: 2 },
  ...extra,
});

describe('startRelay', () => {
  it('moves the checkpoint only after the broker acknowledged the page', async () => {
    const parts = fakes(5);
    const relay = startRelay(
      options(parts, {
        afterPublish: async (page: GlobalPage) =>
          void parts.log.push(`acked ${page.next.position}`),
      }),
    );
    await until('every page', () => parts.log.includes('save 5'));
    await relay.stop();
    expect(parts.log).toEqual([
      'acquire',
      'publish 1,2',
      'acked 2',
      'save 2',
      'publish 3,4',
      'acked 4',
      'save 4',
      'publish 5',
      'acked 5',
      'save 5',
      'release',
    ]);
  });

  it('after a failed publish, lets go of the lease and resumes from the checkpoint', async () => {
    const parts = fakes(4);
    const errors: unknown[] = [];
    parts.publisher.failNext(1);
    const relay = startRelay(options(parts, { onError: (error: unknown) => errors.push(error) }));
    await until('every page', () => parts.log.includes('save 4'));
    await relay.stop();
    expect(parts.log.slice(0, 6)).toEqual([
      'acquire',
      'publish 1,2 failed',
      'release',
      'acquire',
      'publish 1,2',
      'save 2',
    ]);
    expect(errors).toEqual([new Error('broker down')]);
  });

  it('does not read while another replica holds the lease', async () => {
    const parts = fakes(3);
    parts.lease.grant = false;
    const leadership: boolean[] = [];
    const relay = startRelay(
      options(parts, { onLeadership: (leader: boolean) => leadership.push(leader) }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(relay.isLeader()).toBe(false);
    parts.lease.grant = true;
    await until('the lease', () => relay.isLeader());
    await relay.stop();
    expect(leadership).toEqual([true, false]);
  });

  it('finishes the page in hand when stopped', async () => {
    const parts = fakes(6);
    let stopping: Promise<void> | undefined;
    const relay = startRelay(
      options(parts, {
        afterPublish: async () => {
          stopping ??= relay.stop();
        },
      }),
    );
    await until('the stop', () => stopping !== undefined);
    await stopping;
    expect(parts.log).toEqual(['acquire', 'publish 1,2', 'save 2', 'release']);
  });
});
