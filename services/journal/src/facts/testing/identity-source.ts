import { identityRegistry, type NewEvent } from '@ejournal/contracts';
import { migrateEventStore, PostgresEventStore } from '@ejournal/event-store';
import {
  createKafkajsBus,
  deadLetterTopic,
  PostgresRelayLease,
  provisionEventTopics,
  startRelay,
  withoutUpcasting,
  type MessageBus,
  type Publisher,
  type Relay,
  type TopicAdmin,
} from '@ejournal/messaging';
import { Client, escapeIdentifier, Pool } from 'pg';

// Specs only: identity's side of the topic, as in production: its event store (a test
// database of its own) and the messaging relay publishing it to a test topic.

/** A fresh database as `@ejournal/testing`'s createTestDatabase makes it (specs pass it in). */
export interface FreshDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export interface IdentitySource {
  bus: MessageBus;
  admin: TopicAdmin;
  append(streamId: string, events: NewEvent[]): Promise<void>;
  /** Publishes the store from the start under `name`: another name republishes everything. */
  startRelay(name: string): Relay;
  /** Messages on the topic and on its dead-letter topic. */
  messages(): Promise<{ topic: number; deadLetters: number }>;
  close(): Promise<void>;
}

export async function identitySource(options: {
  database: FreshDatabase;
  brokers: string[];
  topic: string;
  partitions: number;
}): Promise<IdentitySource> {
  const { database, brokers, topic, partitions } = options;
  const { roles } = await migrateEventStore(database.url);
  const appUrl = urlAs(database.url, roles.app);
  const pool = new Pool({ connectionString: appUrl, max: 4 });
  pool.on('error', () => undefined);
  const store = new PostgresEventStore({ pool, schemas: identityRegistry });
  const relayStore = new PostgresEventStore({ pool, schemas: withoutUpcasting(identityRegistry) });
  const bus = createKafkajsBus({ brokers, clientId: 'journal-facts-test', logLevel: 'nothing' });
  const admin = await bus.admin();
  await provisionEventTopics(admin, [topic], { partitions, replicationFactor: 1 });
  const publisher: Publisher = await bus.publisher();
  const relays: Relay[] = [];
  const total = async (name: string) =>
    [...(await admin.endOffsets(name)).values()].reduce((sum, end) => sum + Number(end), 0);
  return {
    bus,
    admin,
    async append(streamId, events) {
      await store.append(streamId, 'any', events);
    },
    startRelay(name) {
      const relay = startRelay({
        store: relayStore,
        publisher,
        topic,
        lease: new PostgresRelayLease({ connectionString: appUrl, name }),
        polling: { minMs: 10, maxMs: 100 },
      });
      relays.push(relay);
      return relay;
    },
    messages: async () => ({
      topic: await total(topic),
      deadLetters: await total(deadLetterTopic(topic)),
    }),
    async close() {
      await Promise.all(relays.map((relay) => relay.stop()));
      await publisher.close();
      await admin.deleteTopics([topic, deadLetterTopic(topic)]).catch(() => undefined);
      await admin.close();
      await Promise.all([store.close(), relayStore.close()]);
      await pool.end();
      await dropDatabaseAndRoles(database);
    },
  };
}

export function urlAs(url: string, user: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = '';
  return parsed.toString();
}

/** The database, then the cluster-wide roles the event store migration made for it. */
export async function dropDatabaseAndRoles(database: FreshDatabase): Promise<void> {
  await database.drop();
  const maintenance = new URL(database.url);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    for (const suffix of ['app', 'disposal', 'owner']) {
      await client.query(`DROP ROLE IF EXISTS ${escapeIdentifier(`${database.name}_${suffix}`)}`);
    }
  } finally {
    await client.end();
  }
}
