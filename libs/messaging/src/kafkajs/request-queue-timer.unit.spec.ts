import { fixKafkajsRequestQueueTimer } from './request-queue-timer';

interface RequestQueue {
  pending: unknown[];
  inflight: Map<number, unknown>;
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
  destroy(): void;
}
type RequestQueueClass = (new (options: object) => RequestQueue) & { prototype: RequestQueue };

const RequestQueueClass = require('kafkajs/src/network/requestQueue') as RequestQueueClass;
const kafkajsOwn = RequestQueueClass.prototype.scheduleCheckPendingRequests;
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined };

function requestQueue(): RequestQueue {
  return new RequestQueueClass({
    maxInFlightRequests: 1,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'test',
    broker: '127.0.0.1:1',
    logger: { ...silent, error: () => undefined },
  });
}

/** The delays of the timers a queue arms when a broker response has just been handled. */
function timersAfterAResponse(queue: RequestQueue): number[] {
  // Recorded, not armed: a negative delay would make Node print its warning here.
  const timers = jest
    .spyOn(global, 'setTimeout')
    .mockImplementation((() => 0) as unknown as typeof setTimeout);
  try {
    queue.checkPendingRequests();
    return timers.mock.calls.map(([, delay]) => Number(delay));
  } finally {
    timers.mockRestore();
    queue.destroy();
  }
}

describe('kafkajs request queue timer', () => {
  it('is the kafkajs version the fix was written against (on an upgrade, check #1751 again)', () => {
    expect((require('kafkajs/package.json') as { version: string }).version).toBe('2.2.4');
  });

  it('unfixed, kafkajs arms a negative timer after a response with nothing waiting', () => {
    const queue = requestQueue();
    queue.scheduleCheckPendingRequests = kafkajsOwn;
    const [delay] = timersAfterAResponse(queue);
    expect(delay).toBeLessThan(-1_000_000_000_000);
  });

  describe('fixed (what every kafkajs client of ours gets)', () => {
    beforeAll(() => fixKafkajsRequestQueueTimer());

    it('arms no timer when nothing waits and no throttle is in force', () => {
      expect(timersAfterAResponse(requestQueue())).toEqual([]);
    });

    it('checks a waiting request again after kafkajs’ 10 ms', () => {
      const queue = requestQueue();
      queue.inflight.set(1, {}); // maxInFlightRequests reached: the next one waits
      queue.pending.push({});
      expect(timersAfterAResponse(queue)).toEqual([10]);
    });

    it('checks a waiting request when the broker’s throttle ends', () => {
      const queue = requestQueue();
      queue.pending.push({});
      queue.throttledUntil = Date.now() + 5_000;
      const [delay] = timersAfterAResponse(queue);
      expect(delay).toBeGreaterThan(4_000);
      expect(delay).toBeLessThanOrEqual(5_000);
    });

    it('arms one timer at a time', () => {
      const queue = requestQueue();
      queue.pending.push({});
      queue.throttledUntil = Date.now() + 5_000;
      queue.throttleCheckTimeoutId = setTimeout(() => undefined, 5_000);
      expect(timersAfterAResponse(queue)).toEqual([]);
    });
  });
});
