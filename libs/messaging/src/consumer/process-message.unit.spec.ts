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
});
