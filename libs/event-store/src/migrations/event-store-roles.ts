import { escapeIdentifier, escapeLiteral, type ClientBase } from 'pg';

/** The two roles of one event store database. */
export interface EventStoreRoles {
  /** NOLOGIN; owns the schema, the tables and the trigger function. */
  owner: string;
  /** LOGIN; the services connect as it: INSERT and SELECT on records, nothing else. */
  app: string;
}

const MAX_ROLE_NAME = 63;

/** Roles are cluster-wide, so their names are derived from the database they serve. */
export function eventStoreRoles(database: string): EventStoreRoles {
  const roles = { owner: `${database}_owner`, app: `${database}_app` };
  for (const role of Object.values(roles)) {
    if (Buffer.byteLength(role) > MAX_ROLE_NAME) {
      throw new Error(`Role name ${role} exceeds ${MAX_ROLE_NAME} bytes: pass role names`);
    }
  }
  return roles;
}

interface RoleRow {
  rolname: string;
  rolcanlogin: boolean;
  rolsuper: boolean;
  rolbypassrls: boolean;
}

/**
 * Creates missing roles and refuses existing ones that would void the guarantees: an owner
 * that can log in, an app role that is a superuser or bypasses row security.
 */
export async function ensureRoles(
  client: ClientBase,
  roles: EventStoreRoles,
  appPassword?: string,
): Promise<void> {
  const existing = await client.query<RoleRow>(
    `SELECT rolname, rolcanlogin, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = ANY($1)`,
    [[roles.owner, roles.app]],
  );
  const found = new Map(existing.rows.map((row) => [row.rolname, row]));
  const owner = found.get(roles.owner);
  const app = found.get(roles.app);
  if (!owner) await client.query(`CREATE ROLE ${escapeIdentifier(roles.owner)} NOLOGIN`);
  else if (owner.rolcanlogin || owner.rolsuper) {
    throw new Error(`Role ${roles.owner} must be NOLOGIN NOSUPERUSER to own the event store`);
  }
  if (!app) await client.query(`CREATE ROLE ${escapeIdentifier(roles.app)} LOGIN`);
  else if (app.rolsuper || app.rolbypassrls) {
    throw new Error(`Role ${roles.app} must not be a superuser nor bypass row security`);
  }
  if (appPassword !== undefined) {
    await client.query(
      `ALTER ROLE ${escapeIdentifier(roles.app)} PASSWORD ${escapeLiteral(appPassword)}`,
    );
  }
  const database = escapeIdentifier(await currentDatabase(client));
  await client.query(`GRANT CONNECT ON DATABASE ${database} TO ${escapeIdentifier(roles.app)}`);
}

export async function currentDatabase(client: ClientBase): Promise<string> {
  const result = await client.query<{ name: string }>('SELECT current_database() AS name');
  const name = result.rows[0]?.name;
  if (!name) throw new Error('current_database() returned no name');
  return name;
}
