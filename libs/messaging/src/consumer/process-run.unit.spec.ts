import type { RecordedEvent } from '@ejournal/contracts';
import type { InboundMessage } from '../port/message-bus.port';
import { recordedMark } from '../testing/sample-events';
import { processRun, runsOf, type RunDeps } from './process-run';

const message = (value: string, offset: number): InboundMessage => ({
  topic: 't',
  partition: 0,
  offset: String(offset),
  key: 'journal-1',
  value: Buffer.from(value),
  headers: {},
});
const events = [1, 2, 3].map((version) => recordedMark('journal-1', version));
const messages = events.map((event, i) => message(JSON.stringify(event), i));

const deps = (handleRun: RunDeps['handleRun'], signal = new AbortController().signal) => ({
  groupId: 'g',
  handleRun,
  retry: { attempts: 3, minDelayMs: 1, maxDelayMs: 2 },
  signal,
});

describe('processRun', () => {
  it('hands the decoded events over in one call, in order', async () => {
    const calls: RecordedEvent[][] = [];
    const outcome = await processRun(
      messages,
      deps(async (run) => void calls.push(run)),
    );
    expect(outcome).toBe('handled');
    expect(calls).toEqual([events]);
  });

  it('retries an outage of the infrastructure until it answers', async () => {
    let calls = 0;
    const outcome = await processRun(
      messages,
      deps(async () => {
        calls += 1;
        if (calls < 3)
          throw Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
      }),
    );
    expect(outcome).toBe('handled');
    expect(calls).toBe(3);
  });

  it('leaves any other failure to one message at a time, without retrying the run', async () => {
    let calls = 0;
    const outcome = await processRun(
      messages,
      deps(async () => {
        calls += 1;
        throw new Error('poison somewhere in the run');
      }),
    );
    expect(outcome).toBe('one-by-one');
    expect(calls).toBe(1);
  });

  it('leaves a run with a message that is not an event to one message at a time', async () => {
    const handleRun = jest.fn();
    const outcome = await processRun([...messages, message('garbage', 3)], deps(handleRun));
    expect(outcome).toBe('one-by-one');
    expect(handleRun).not.toHaveBeenCalled();
  });

  it('is interrupted when stopping cuts an outage’s retries short', async () => {
    const stop = new AbortController();
    const outcome = await processRun(
      messages,
      deps(async () => {
        stop.abort();
        throw Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
      }, stop.signal),
    );
    expect(outcome).toBe('interrupted');
  });

  it('cuts a batch into runs of at most the size, in order', () => {
    expect(runsOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(runsOf([], 2)).toEqual([]);
  });
});
