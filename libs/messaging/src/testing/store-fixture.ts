import { journalRegistry } from '@ejournal/contracts';
import { migrateEventStore, PostgresEventStore } from '@ejournal/event-store';
import { Client, escapeIdentifier, Pool } from 'pg';
import { withoutUpcasting } from '../relay/stored-form';

/** A fresh database as `@ejournal/testing`'s createTestDatabase gives it. */
export interface FreshDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export interface StoreFixture {
  /** As the application role: what a service's relay and store connect as. */
  appUrl: string;
  adminUrl: string;
  /** Upcasts on read, as a service's projections use it. */
  store: PostgresEventStore;
  /** Publishes events as stored: what the relay reads. */
  relayStore: PostgresEventStore;
  /** The relay's checkpoint position, read as the admin; null before the first one. */
  relayCheckpoint(name: string): Promise<string | null>;
  /**
   * The position of the store's last event in the relay's order (transaction id, then
   * position): where a caught-up relay's checkpoint stands. Not the largest position: two
   * appends at once draw positions from one sequence, so the later transaction can hold the
   * smaller ones (a relay spec waited 120 s for checkpoint 6 with 5 the last it published).
   */
  lastInSafeOrder(): Promise<string>;
  /**
   * The cluster's transactions that hold an xid or a snapshot and began more than 10 s ago,
   * oldest first: what holds the relay's safe order back when a catch-up times out.
   */
  oldTransactions(): Promise<string>;
  eventCount(): Promise<number>;
  drop(): Promise<void>;
}

export function urlAs(url: string, user: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = '';
  return parsed.toString();
}

/** Migrates the event store into `database`; `drop()` removes the database and its roles. */
export async function storeFixture(database: FreshDatabase): Promise<StoreFixture> {
  const { roles } = await migrateEventStore(database.url);
  const appUrl = urlAs(database.url, roles.app);
  const pool = new Pool({ connectionString: appUrl, max: 10 });
  // The forced DROP DATABASE may terminate an idle client; without a listener that would crash.
  pool.on('error', () => undefined);
  const admin = new Client({ connectionString: database.url });
  await admin.connect();
  const polling = { minMs: 10, maxMs: 100 };
  const store = new PostgresEventStore({ pool, schemas: journalRegistry, polling });
  const relayStore = new PostgresEventStore({ pool, schemas: withoutUpcasting(journalRegistry) });
  const scalar = async (sql: string, values: unknown[] = []) =>
    ((await admin.query<{ value: string | null }>(sql, values)).rows[0]?.value ?? null) as
      string | null;
  return {
    appUrl,
    adminUrl: database.url,
    store,
    relayStore,
    relayCheckpoint: (name) =>
      scalar(
        `SELECT global_position::text AS value FROM event_store.subscription_checkpoints
         WHERE name = $1`,
        [`relay:${name}`],
      ),
    async oldTransactions() {
      const { rows } = await admin.query<Record<string, unknown>>(
        `SELECT datname, application_name, state, backend_xid::text AS xid,
                backend_xmin::text AS xmin, round(extract(epoch FROM now() - xact_start)) AS seconds,
                left(query, 120) AS query
           FROM pg_stat_activity
          WHERE (backend_xid IS NOT NULL OR backend_xmin IS NOT NULL)
            AND xact_start < now() - interval '10 seconds' AND pid <> pg_backend_pid()
          ORDER BY xact_start LIMIT 5`,
      );
      return JSON.stringify(rows);
    },
    eventCount: async () =>
      Number(await scalar('SELECT count(*)::text AS value FROM event_store.events')),
    lastInSafeOrder: async () =>
      (await scalar(
        `SELECT global_position::text AS value FROM event_store.events
          ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
      )) ?? '0',
    async drop() {
      await Promise.all([store.close(), relayStore.close()]);
      await pool.end();
      await admin.end();
      await database.drop();
      const maintenance = new URL(database.url);
      maintenance.pathname = '/postgres';
      const client = new Client({ connectionString: maintenance.toString() });
      await client.connect();
      try {
        // The owner last: the other roles' grants are on objects it owns.
        const owner = roles.owner;
        for (const role of [...Object.values(roles).filter((name) => name !== owner), owner]) {
          await client.query(`DROP ROLE IF EXISTS ${escapeIdentifier(role)}`);
        }
      } finally {
        await client.end();
      }
    },
  };
}
