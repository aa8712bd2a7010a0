import { loadMigrations, renderMigration } from './migration-files';

describe('migration files', () => {
  it('loads the numbered files in order with their checksums', async () => {
    const migrations = await loadMigrations();
    expect(migrations.map((m) => m.name)).toEqual([
      '001_events',
      '002_idempotency_records',
      '003_snapshots_and_checkpoints',
      '004_merkle_log',
      '005_disposal',
      '006_disposed_streams_closed',
      '007_witness_cosignatures',
    ]);
    expect(migrations.every((m) => /^[0-9a-f]{64}$/.test(m.checksum))).toBe(true);
  });

  it('fills psql-style identifier variables with quoted names', () => {
    const sql = 'GRANT SELECT ON t TO :"app_role"; SELECT \'x\'::"char";';
    expect(renderMigration(sql, { app_role: 'db"1_app' })).toBe(
      'GRANT SELECT ON t TO "db""1_app"; SELECT \'x\'::"char";',
    );
  });

  it('refuses a variable it was not given', () => {
    expect(() => renderMigration('ALTER TABLE t OWNER TO :"nobody"', {})).toThrow(/nobody/);
  });

  it('uses only the variables the migrator provides', async () => {
    const identifiers = { owner_role: 'o', app_role: 'a', disposal_role: 'd' };
    for (const migration of await loadMigrations()) {
      expect(() => renderMigration(migration.sql, identifiers)).not.toThrow();
    }
  });
});
