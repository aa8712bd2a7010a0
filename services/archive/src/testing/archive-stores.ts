import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The parts of `@ejournal/testing` this uses; the spec passes the harness in. */
export interface TestHarness {
  requireInfra(): Promise<Record<string, string>>;
  createTestDatabase(label: string): Promise<{ name: string; url: string; drop(): Promise<void> }>;
  testMongoUrl(label: string): { url: string };
  testReadStorePostgresUrl(): string;
  testTopic(label: string): string;
  uniqueTestName(label: string): string;
  dropMongo(url: string): Promise<void>;
  dropRoles(databases: string[]): Promise<void>;
}

export interface ArchiveStores {
  /** The archive's configuration on the spec's own database, read store, topics and groups. */
  environment: Record<string, string>;
  drop(): Promise<void>;
}

/** Throw-away stores and topics for one archive spec. */
export async function archiveStores(label: string, harness: TestHarness): Promise<ArchiveStores> {
  const {
    requireInfra,
    createTestDatabase,
    testMongoUrl,
    testReadStorePostgresUrl,
    testTopic,
    uniqueTestName,
    dropMongo,
    dropRoles,
  } = harness;
  const servers = await requireInfra();
  const database = await createTestDatabase(label);
  const mongo = testMongoUrl(label);
  const documents = path.join(tmpdir(), uniqueTestName(`${label} documents`));
  return {
    environment: {
      ...servers,
      DATABASE_URL: database.url,
      MONGO_URL: mongo.url,
      READ_STORE_POSTGRES_URL: testReadStorePostgresUrl(),
      JOURNAL_EVENTS_TOPIC: testTopic(`${label} journal`),
      INTEGRITY_CHECKPOINTS_TOPIC: testTopic(`${label} checkpoints`),
      CATALOGUE_CONSUMER_GROUP: uniqueTestName(`${label} catalogue`),
      CHECKPOINTS_CONSUMER_GROUP: uniqueTestName(`${label} checkpoints`),
      DOCUMENTS_CONSUMER_GROUP: uniqueTestName(`${label} documents`),
      DOCUMENT_STORE_DIR: documents,
      INTEGRITY_ENABLED: 'false',
      CONSUMER_RETRY_MIN_MS: '20',
      CONSUMER_MAX_ATTEMPTS: '2',
    },
    async drop() {
      await dropMongo(mongo.url);
      await rm(documents, { recursive: true, force: true });
      await database.drop();
      await dropRoles([database.name]);
    },
  };
}
