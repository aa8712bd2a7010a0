import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { infraEnv } from './infra-env';

/** Test databases, topics and collections all carry this word; anything else is refused. */
export function assertTestName(name: string): string {
  if (!/test/i.test(name)) {
    throw new Error(`Refusing to use "${name}" in a test: its name must contain "test".`);
  }
  return name;
}

/** A name unique to this test file and run, safe as a PostgreSQL, MongoDB or Kafka name. */
export function uniqueTestName(label: string): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 30);
  return `test_${slug}_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates a fresh PostgreSQL database on the server of DATABASE_URL. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const adminUrl = infraEnv().DATABASE_URL;
  const name = assertTestName(uniqueTestName(label));
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A MongoDB connection string for a fresh database on the server of MONGO_URL. */
export function testMongoUrl(label: string): { name: string; url: string } {
  const name = assertTestName(uniqueTestName(label));
  const url = new URL(infraEnv().MONGO_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/**
 * The PostgreSQL database FerretDB keeps its tables in (where read-store lookup indexes go):
 * `READ_STORE_POSTGRES_URL`, else the local infrastructure's `ferretdb` database.
 */
export function testReadStorePostgresUrl(): string {
  const given = process.env['READ_STORE_POSTGRES_URL'];
  if (given) return given;
  const url = new URL(infraEnv().DATABASE_URL);
  url.pathname = '/ferretdb';
  return url.toString();
}

/** A Kafka topic name unique to this test file and run. */
export function testTopic(label: string): string {
  return assertTestName(`ejournal.${uniqueTestName(label)}`);
}
