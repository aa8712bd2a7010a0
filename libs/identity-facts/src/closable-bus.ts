import type { MessageBus, Publisher, Subscriber } from '@ejournal/messaging';

/**
 * A bus that can close every publisher and subscriber it handed out. startConsumer opens both
 * before it subscribes and leaves them open when subscribing fails (the topic is missing), so
 * a failed start is cleaned up through this.
 */
export function closableBus(bus: MessageBus): MessageBus & { close(): Promise<void> } {
  const publishers: Publisher[] = [];
  const subscribers: Subscriber[] = [];
  return {
    async publisher() {
      const publisher = await bus.publisher();
      publishers.push(publisher);
      return publisher;
    },
    subscriber(options) {
      const subscriber = bus.subscriber(options);
      subscribers.push(subscriber);
      return subscriber;
    },
    admin: () => bus.admin(),
    async close() {
      await Promise.allSettled([
        ...subscribers.map((subscriber) => subscriber.stop()),
        ...publishers.map((publisher) => publisher.close()),
      ]);
    },
  };
}
