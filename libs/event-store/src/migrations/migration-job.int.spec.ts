import { journalRegistry } from '@ejournal/contracts';
import { createTestDatabase, requireInfra, type TestDatabase } from '@ejournal/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { lessons, streamId } from '../contract/test-events';
import { appUrlOf, isAppRoleUrl, openServiceStore } from '../postgres/open-service-store';
import { eventStoreRoles } from './event-store-roles';
import { migrateFromCli } from './migrate.cli';

jest.setTimeout(30_000);

const SERVICE_TABLE = `CREATE SCHEMA IF NOT EXISTS job_test AUTHORIZATION :"owner_role";
GRANT USAGE ON SCHEMA job_test TO :"app_role";
SET LOCAL ROLE :"owner_role";
CREATE TABLE job_test.facts (id text PRIMARY KEY);
GRANT SELECT, INSERT ON job_test.facts TO :"app_role";
RESET ROLE;
`;

describe('the migration Job: migrations by a role that may create roles, the app only connects', () => {
  let database: TestDatabase;
  let migrations: string;

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL']);
    database = await createTestDatabase('event store migration job');
    migrations = mkdtempSync(path.join(tmpdir(), 'migration-job-test-'));
    writeFileSync(path.join(migrations, '901_job_test.sql'), SERVICE_TABLE);
  });

  afterAll(async () => {
    rmSync(migrations, { recursive: true, force: true });
    await database?.drop();
    const admin = new Client({ connectionString: database.url.replace(/\/[^/]*$/, '/postgres') });
    await admin.connect();
    const roles = eventStoreRoles(database.name);
    await admin.query(`DROP ROLE IF EXISTS "${roles.app}", "${roles.disposal}", "${roles.owner}"`);
    await admin.end();
  });

  it('applies the event store and the service migrations once, then nothing', async () => {
    const env = { DATABASE_URL: database.url, DATABASE_APP_PASSWORD: 'app-test-password' };
    const first = JSON.parse(await migrateFromCli([migrations], env));
    expect(first.roles).toEqual(eventStoreRoles(database.name));
    expect(first.applied).toEqual(expect.arrayContaining(['001_events', '901_job_test']));
    expect(JSON.parse(await migrateFromCli([migrations], env)).applied).toEqual([]);
  });

  it('opens the store as the application role without migrating or creating anything', async () => {
    const appUrl = appUrlOf(database.url, eventStoreRoles(database.name).app, 'app-test-password');
    expect([isAppRoleUrl(appUrl), isAppRoleUrl(database.url)]).toEqual([true, false]);
    const service = await openServiceStore({
      adminUrl: appUrl,
      migrationsDir: migrations,
      schemas: journalRegistry,
    });
    try {
      const stream = streamId();
      await service.store.append(stream, 'noStream', lessons(2));
      expect((await service.store.readStream(stream)).map((e) => e.streamVersion)).toEqual([1, 2]);
      const session = await service.pool.query<{ user: string }>('SELECT current_user AS user');
      expect(session.rows[0]?.user).toBe(eventStoreRoles(database.name).app);
      // The application role may not create anything in the database.
      const refused = await service.pool.query('CREATE SCHEMA job_test_app').catch((e) => e);
      expect(String(refused)).toMatch(/permission denied/);
    } finally {
      await service.close();
    }
  });

  it('refuses to migrate as the application role, and refuses unknown arguments', async () => {
    const appUrl = appUrlOf(database.url, eventStoreRoles(database.name).app, 'x');
    await expect(migrateFromCli([migrations], { DATABASE_URL: appUrl })).rejects.toThrow(
      'DATABASE_URL is the application role: it may not migrate',
    );
    await expect(
      migrateFromCli([migrations, '--all'], { DATABASE_URL: database.url }),
    ).rejects.toThrow(/usage/);
    await expect(migrateFromCli([migrations], {})).rejects.toThrow(/DATABASE_URL/);
  });
});
