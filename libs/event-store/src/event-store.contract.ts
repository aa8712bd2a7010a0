import { describeAppendContract } from './contract/append.contract';
import { describeIdempotencyContract } from './contract/idempotency.contract';
import { describeReadContract } from './contract/read.contract';
import { describeSubscriptionContract } from './contract/subscription.contract';
import type { EventStore } from './event-store.port';

export interface EventStoreFixture {
  /** A store on an empty database whose schemas accept the journal events. */
  store: EventStore;
  /** Closes the store and removes what the fixture created. */
  teardown(): Promise<void>;
}

/**
 * The portable core every adapter passes: append with expected versions, idempotency by event
 * id and by idempotency key, stream reads, global and category order, snapshots, catch-up
 * subscriptions. Nothing in it is PostgreSQL-specific, so an EventStoreDB/KurrentDB adapter
 * can be held to it; PostgreSQL-only capabilities are tested in their own files.
 */
export function describeEventStoreContract(
  name: string,
  factory: () => Promise<EventStoreFixture>,
): void {
  describe(`${name} (event store contract)`, () => {
    let fixture: EventStoreFixture | undefined;
    const store = (): EventStore => {
      if (!fixture) throw new Error('The event store fixture did not start');
      return fixture.store;
    };

    beforeAll(async () => {
      fixture = await factory();
    });

    afterAll(async () => {
      await fixture?.teardown();
    });

    describeAppendContract(store);
    describeIdempotencyContract(store);
    describeReadContract(store);
    describeSubscriptionContract(store);
  });
}
