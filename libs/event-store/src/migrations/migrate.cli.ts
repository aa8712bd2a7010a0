import path from 'node:path';
import { isAppRoleUrl } from '../postgres/open-service-store';
import { migrateEventStore } from './migrate-event-store';

const USAGE = 'usage: migrate.cli.js <service migrations dir> [--tables-only]';

/**
 * The migration Job's command (deploy/k8s/migrations.yaml): brings one service's database up
 * to date, then exits, so that the service's own pods connect as the application role and
 * never hold a login that may create roles.
 *   node dist/libs/event-store/src/migrations/migrate.cli.js dist/services/journal/migrations
 * DATABASE_URL: a login that may create roles and owns the database (not the application
 * role); DATABASE_APP_PASSWORD: set as the application role's password when given. The event
 * store's migrations run first; `--tables-only` skips them (the diary keeps no event store).
 * Prints one JSON line: the roles and the migrations applied.
 */
export async function migrateFromCli(argv: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const [dir, ...flags] = argv;
  const url = env['DATABASE_URL'];
  if (!dir || flags.some((flag) => flag !== '--tables-only')) throw new Error(USAGE);
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('DATABASE_URL must be a postgres:// URL of a login that may create roles');
  }
  if (isAppRoleUrl(url))
    throw new Error('DATABASE_URL is the application role: it may not migrate');
  const appPassword = env['DATABASE_APP_PASSWORD'] || undefined;
  const applied: string[] = [];
  let roles;
  if (!flags.includes('--tables-only')) {
    const store = await migrateEventStore(url, appPassword ? { appPassword } : {});
    roles = store.roles;
    applied.push(...store.applied);
  }
  const own = await migrateEventStore(url, {
    ...(roles ? { roles } : {}),
    ...(appPassword ? { appPassword } : {}),
    migrationsDir: path.resolve(dir),
  });
  applied.push(...own.applied);
  return JSON.stringify({ roles: own.roles, applied });
}

if (require.main === module) {
  migrateFromCli(process.argv.slice(2), process.env).then(
    (line) => process.stdout.write(`${line}\n`),
    (error: unknown) => {
      process.stderr.write(`migration failed: ${error instanceof Error ? error.message : error}\n`);
      process.exit(1);
    },
  );
}
