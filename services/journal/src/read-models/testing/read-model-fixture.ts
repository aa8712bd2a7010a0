import type { NewEvent } from '@ejournal/contracts';
import { eventStoreRoles, START, type EventStore, type GlobalPage } from '@ejournal/event-store';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import mongoose, { type Connection } from 'mongoose';
import { Client, escapeIdentifier } from 'pg';
import { IDENTITY_FACTS, type IdentityFacts } from '../../facts/identity-facts.port';
import { openJournalDatabase, type JournalDatabase } from '../../infrastructure/journal-database';
import type { JournalConfig } from '../../config';
import { APP_POOL, APP_URL, EVENT_STORE, JOURNAL_CONFIG, MONGO } from '../../infrastructure/tokens';
import { JOURNAL_CATEGORY } from '../projection/journal-event';
import { allModels, openReadModels, type JournalReadModels } from '../documents/read-model-schemas';
import { ReadModelsModule } from '../read-models.module';

/** A fresh PostgreSQL database and MongoDB URL as `@ejournal/testing` makes them (specs pass them in). */
export interface TestDatabases {
  postgres: { name: string; url: string; drop(): Promise<void> };
  mongoUrl: string;
}

export interface ReadModelFixture {
  store: EventStore;
  connection: Connection;
  models: JournalReadModels;
  /** Appends to a stream after its current end. */
  append(streamId: string, ...events: NewEvent[]): Promise<number>;
  /** Every document of every read model, sorted: what "identical" compares. */
  snapshot(): Promise<Record<string, unknown[]>>;
  /**
   * The journal category from the start, once it shows `count` events: category reads follow
   * the cluster-wide snapshot horizon, which another test file's open transaction holds back.
   */
  categoryOnceReadable(count: number): Promise<GlobalPage['entries']>;
  /** The read models module on these databases; `init()` starts the projector. */
  module(facts: IdentityFacts): Promise<TestingModule>;
  close(): Promise<void>;
}

/** Migrates the PostgreSQL test database as the journal does and opens the read models. */
export async function openReadModelFixture(databases: TestDatabases): Promise<ReadModelFixture> {
  const database: JournalDatabase = await openJournalDatabase(databases.postgres.url);
  const connection = await mongoose.createConnection(databases.mongoUrl).asPromise();
  const { models } = await openReadModels(connection);
  const store = database.store;
  const modules: TestingModule[] = [];
  return {
    store,
    connection,
    models,
    async append(streamId, ...events) {
      const last = await store.readStream(streamId, { direction: 'backwards', limit: 1 });
      const result = await store.append(streamId, last[0]?.streamVersion ?? 0, events);
      return result.lastVersion;
    },
    async categoryOnceReadable(count) {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const { entries } = await store.readCategory(JOURNAL_CATEGORY, START, { limit: 10_000 });
        if (entries.length >= count) return entries;
        if (Date.now() > deadline) throw new Error(`the category never showed ${count} events`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async snapshot() {
      const entries = await Promise.all(
        allModels(models).map(async (model) => {
          const documents = await model.model.find().sort({ _id: 1 }).lean();
          return [model.collectionName, documents] as const;
        }),
      );
      return Object.fromEntries(entries);
    },
    async module(facts) {
      // The application's FactsModule comes with ReadModelsModule: its consumer stays off and
      // the identity facts are the spec's double.
      const testing = await Test.createTestingModule({
        imports: [TestInfrastructure.with(database, connection), ReadModelsModule],
      })
        .overrideProvider(IDENTITY_FACTS)
        .useValue(facts)
        .compile();
      modules.push(testing);
      return testing;
    },
    async close() {
      for (const testing of modules) await testing.close();
      await connection.dropDatabase();
      await connection.close();
      await database.close();
      await databases.postgres.drop();
      await dropRoles(databases.postgres.url, databases.postgres.name);
    },
  };
}

@Global()
@Module({})
class TestInfrastructure {
  static with(database: JournalDatabase, mongo: Connection): DynamicModule {
    const config = { FACTS_CONSUMER_ENABLED: false } as JournalConfig;
    return {
      module: TestInfrastructure,
      providers: [
        { provide: EVENT_STORE, useValue: database.store },
        { provide: APP_POOL, useValue: database.pool },
        { provide: APP_URL, useValue: database.appUrl },
        { provide: MONGO, useValue: mongo },
        { provide: JOURNAL_CONFIG, useValue: config },
      ],
      exports: [EVENT_STORE, APP_POOL, APP_URL, MONGO, JOURNAL_CONFIG],
    };
  }
}

/** The event store's roles are cluster-wide: drop them with the database. */
export async function dropRoles(url: string, database: string): Promise<void> {
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const roles = eventStoreRoles(database);
    for (const role of [roles.app, roles.disposal, roles.owner]) {
      await client.query(`DROP ROLE IF EXISTS ${escapeIdentifier(role)}`);
    }
  } finally {
    await client.end();
  }
}
