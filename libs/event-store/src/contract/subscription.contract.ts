import type { RecordedEvent } from '@ejournal/contracts';
import type { EventStore, SubscribeOptions } from '../event-store.port';
import { eventually, lessons, streamId, uniqueCategory } from './test-events';

function collector() {
  const received: RecordedEvent[] = [];
  const handler: SubscribeOptions['handler'] = (event) => void received.push(event);
  const ids = () => received.map((event) => event.eventId);
  return { received, handler, ids };
}

export function describeSubscriptionContract(store: () => EventStore): void {
  describe('subscribe', () => {
    it('catches up, goes live, and resumes after its checkpoint when restarted', async () => {
      const category = uniqueCategory();
      const stream = streamId(category);
      const name = `projection-${category}`;
      const history = lessons(3);
      await store().append(stream, 'noStream', history);

      const first = collector();
      let subscription = store().subscribe({
        name,
        category,
        handler: first.handler,
        batchSize: 2,
      });
      await eventually(() => expect(first.ids()).toEqual(history.map((e) => e.eventId)));

      const live = lessons(2);
      await store().append(stream, 3, live);
      await eventually(() => expect(first.ids()).toHaveLength(5));
      expect(first.ids()).toEqual([...history, ...live].map((e) => e.eventId));
      expect(first.received.map((event) => event.streamVersion)).toEqual([1, 2, 3, 4, 5]);
      await subscription.stop();

      const whileStopped = lessons(2);
      await store().append(stream, 5, whileStopped);
      const second = collector();
      subscription = store().subscribe({ name, category, handler: second.handler });
      await eventually(() => expect(second.ids()).toEqual(whileStopped.map((e) => e.eventId)));
      await subscription.stop();
    });

    it('delivers only its category, and every category without one', async () => {
      const [mine, other] = [uniqueCategory(), uniqueCategory()];
      const [inMine, inOther] = [lessons(1), lessons(1)];
      await store().append(streamId(mine), 'noStream', inMine);
      await store().append(streamId(other), 'noStream', inOther);
      const byCategory = collector();
      const everything = collector();
      const subscriptions = [
        store().subscribe({ name: `only-${mine}`, category: mine, handler: byCategory.handler }),
        store().subscribe({ name: `all-${mine}`, handler: everything.handler }),
      ];
      const expected = [...inMine, ...inOther].map((e) => e.eventId);
      await eventually(() => expect(everything.ids()).toEqual(expect.arrayContaining(expected)));
      await Promise.all(subscriptions.map((subscription) => subscription.stop()));
      expect(byCategory.ids()).toEqual(inMine.map((e) => e.eventId));
    });

    it('retries a failed handler from the event that failed, never skipping it', async () => {
      const category = uniqueCategory();
      const events = lessons(3);
      await store().append(streamId(category), 'noStream', events);
      const handled: string[] = [];
      const errors: unknown[] = [];
      let failures = 0;
      const subscription = store().subscribe({
        name: `flaky-${category}`,
        category,
        onError: (error) => errors.push(error),
        handler: (event) => {
          if (event.eventId === events[1]!.eventId && failures < 2) {
            failures += 1;
            throw new Error('projection store unavailable');
          }
          handled.push(event.eventId);
        },
      });
      await eventually(() => expect(handled).toEqual(events.map((e) => e.eventId)));
      await subscription.stop();
      expect(errors).toHaveLength(2);
    });

    it('stops: nothing is delivered after stop() resolved', async () => {
      const category = uniqueCategory();
      const received = collector();
      const subscription = store().subscribe({
        name: `stop-${category}`,
        category,
        handler: received.handler,
      });
      await subscription.stop();
      await store().append(streamId(category), 'noStream', lessons(1));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received.ids()).toEqual([]);
    });
  });
}
