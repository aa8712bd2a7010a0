import type { InboundMessage } from '../port/message-bus.port';
import { recordedMark } from '../testing/sample-events';
import { processMessage, type ProcessDeps } from './process-message';

const event = recordedMark('journal-1', 1);
const message = (value: string): InboundMessage => ({
  topic: 't',
  partition: 0,
  offset: '9',
  key: 'journal-1',
  value: Buffer.from(value),
  headers: {},
});

function deps(handle: ProcessDeps['handle'], signal = new AbortController().signal) {
  const parked: { event: unknown; error: unknown; attempts: number }[] = [];
  const value: ProcessDeps = {
    groupId: 'g',
    handle,
    retry: { attempts: 3, minDelayMs: 1, maxDelayMs: 2 },
    signal,
    async deadLetter(_message, parkedEvent, error, attempts) {
      parked.push({ event: parkedEvent, error, attempts });
      return true;
    },
  };
  return { deps: value, parked };
}

describe('processMessage', () => {
  it('hands the decoded event over, retrying a failure', async () => {
    const attempts: number[] = [];
    const { deps: d, parked } = deps(async (received, context) => {
      attempts.push(context.attempt);
      expect(received).toEqual(event);
      if (context.attempt === 1) throw new Error('transient');
    });
    expect(await processMessage(message(JSON.stringify(event)), d)).toBe('handled');
    expect(attempts).toEqual([1, 2]);
    expect(parked).toEqual([]);
  });

  it('dead-letters after the last attempt, with the error and the count', async () => {
    const { deps: d, parked } = deps(async () => {
      throw new Error('poison');
    });
    expect(await processMessage(message(JSON.stringify(event)), d)).toBe('dead-lettered');
    expect(parked).toEqual([{ event, error: new Error('poison'), attempts: 3 }]);
  });

  it('dead-letters a message that is not an event at once', async () => {
    const handle = jest.fn();
    const { deps: d, parked } = deps(handle);
    expect(await processMessage(message('garbage'), d)).toBe('dead-lettered');
    expect(handle).not.toHaveBeenCalled();
    expect(parked[0]).toMatchObject({ event: null, attempts: 1 });
  });

  it('is interrupted when stopping cuts the retries short', async () => {
    const stop = new AbortController();
    const { deps: d, parked } = deps(async () => {
      stop.abort();
      throw new Error('down');
    }, stop.signal);
    expect(await processMessage(message(JSON.stringify(event)), d)).toBe('interrupted');
    expect(parked).toEqual([]);
  });

  it('retries an outage of the infrastructure past the attempts, beating the heartbeat', async () => {
    const calls: number[] = [];
    const { deps: d, parked } = deps(async (_event, context) => {
      calls.push(context.attempt);
      if (context.attempt <= 6)
        throw Object.assign(new Error('terminating connection due to administrator command'), {
          code: '57P01',
        });
    });
    const hold = { heartbeat: jest.fn(async () => undefined), isStale: () => false };
    expect(await processMessage(message(JSON.stringify(event)), d, hold)).toBe('handled');
    expect(calls).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(hold.heartbeat).toHaveBeenCalledTimes(6);
    expect(parked).toEqual([]);
  });

  it('still dead-letters a poison message whose attempts were mixed with an outage', async () => {
    const { deps: d, parked } = deps(async (_event, context) => {
      if (context.attempt % 2 === 1) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      throw new Error('poison');
    });
    expect(await processMessage(message(JSON.stringify(event)), d)).toBe('dead-lettered');
    expect(parked).toEqual([{ event, error: new Error('poison'), attempts: 3 }]);
  });

  it('gives the partition up when it went elsewhere during an outage', async () => {
    let stale = false;
    const { deps: d, parked } = deps(async () => {
      stale = true;
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    });
    const hold = { heartbeat: async () => undefined, isStale: () => stale };
    expect(await processMessage(message(JSON.stringify(event)), d, hold)).toBe('interrupted');
    expect(parked).toEqual([]);
  });

  it('passes on what the heartbeat says about the group', async () => {
    const { deps: d } = deps(async () => {
      throw new Error('Connection terminated unexpectedly');
    });
    const rebalance = Object.assign(new Error('The group is rebalancing'), {
      type: 'REBALANCE_IN_PROGRESS',
    });
    const hold = {
      heartbeat: async () => {
        throw rebalance;
      },
      isStale: () => false,
    };
    await expect(processMessage(message(JSON.stringify(event)), d, hold)).rejects.toBe(rebalance);
  });
});
