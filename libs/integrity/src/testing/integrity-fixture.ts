import { journalRegistry, newEventId, type NewEvent } from '@ejournal/contracts';
import {
  migrateEventStore,
  PostgresEventStore,
  START,
  type EventStoreRoles,
} from '@ejournal/event-store';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, escapeIdentifier, Pool } from 'pg';
import { loadSigningKey, type CheckpointSigner } from '../checkpoints/signing-key';
import { LogBuilder } from '../log/log-builder';
import { logSize } from '../log/log-size';

/** A migrated store with the app role's pool, a superuser client and a scratch directory. */
export interface IntegrityFixture {
  name: string;
  adminUrl: string;
  appUrl: string;
  roles: EventStoreRoles;
  /** Connected as the application role, as the services and the log builder are. */
  pool: Pool;
  store: PostgresEventStore;
  /** The database superuser: the one who can tamper. */
  admin: Client;
  dir: string;
  /** Runs statements as the superuser with triggers off, as an attacker would. */
  tamper(...statements: string[]): Promise<void>;
  drop(): Promise<void>;
}

/**
 * Builds the log until it holds every event of the store. The readers' horizon is cluster-wide:
 * another test's open write transaction can hold the builder back for a moment.
 */
export async function buildWholeLog(
  fixture: Pick<IntegrityFixture, 'pool' | 'admin'>,
): Promise<number> {
  const { rows } = await fixture.admin.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM event_store.events',
  );
  const events = rows[0]?.n ?? 0;
  const builder = new LogBuilder(fixture.pool);
  const deadline = Date.now() + 20_000;
  for (;;) {
    await builder.catchUp();
    const size = await logSize(fixture.pool);
    if (size >= events || Date.now() > deadline) return size;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until the readers' safe order (so the log builder) sees `count` events. */
export async function untilReadable(fixture: Pick<IntegrityFixture, 'store'>, count: number) {
  // A bound, not a pause: any transaction open in the cluster (a neighbouring test's) holds
  // the horizon back until it ends.
  const deadline = Date.now() + 120_000;
  while ((await fixture.store.readAll(START, { limit: count })).entries.length < count) {
    if (Date.now() > deadline)
      throw new Error(`${count} events never passed the cluster's snapshot horizon in 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function newSigner(keyId?: string): CheckpointSigner {
  const { privateKey } = generateKeyPairSync('ed25519');
  return loadSigningKey(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), keyId);
}

export function markRecorded(value = '5'): NewEvent {
  return {
    eventId: newEventId(),
    type: 'MarkRecorded',
    schemaVersion: 2,
    occurredAt: '2026-10-12T09:45:00+03:00',
    tenant: { regionId: 'region-91', schoolId: 'school-17' },
    actor: { userId: 'teacher-3', role: 'teacher', onBehalfOf: null },
    correlationId: `corr-${randomBytes(4).toString('hex')}`,
    causationId: null,
    traceparent: null,
    data: {
      markId: `mark-${randomBytes(4).toString('hex')}`,
      lessonId: 'lesson-1',
      pupilId: 'pupil-8',
      value,
      workType: 'classwork',
      weight: 1,
    },
  };
}

/** A fresh database as `@ejournal/testing`'s createTestDatabase gives it. */
export interface FreshDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function integrityFixture(database: FreshDatabase): Promise<IntegrityFixture> {
  const { roles } = await migrateEventStore(database.url);
  const appUrl = new URL(database.url);
  appUrl.username = roles.app;
  const pool = new Pool({ connectionString: appUrl.toString(), max: 8 });
  pool.on('error', () => undefined);
  const admin = new Client({ connectionString: database.url });
  await admin.connect();
  const dir = await mkdtemp(path.join(tmpdir(), 'integrity-test-'));
  return {
    name: database.name,
    adminUrl: database.url,
    appUrl: appUrl.toString(),
    roles,
    pool,
    store: new PostgresEventStore({ pool, schemas: journalRegistry }),
    admin,
    dir,
    async tamper(...statements) {
      await admin.query('BEGIN');
      await admin.query('SET LOCAL session_replication_role = replica');
      for (const statement of statements) await admin.query(statement);
      await admin.query('COMMIT');
    },
    async drop() {
      await pool.end();
      await admin.end();
      await database.drop();
      const maintenance = new Client({
        connectionString: database.url.replace(/\/[^/]*$/, '/postgres'),
      });
      await maintenance.connect();
      for (const role of [roles.app, roles.disposal, roles.owner]) {
        await maintenance.query(`DROP ROLE IF EXISTS ${escapeIdentifier(role)}`);
      }
      await maintenance.end();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
