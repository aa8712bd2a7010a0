import { escapeIdentifier, escapeLiteral, type ClientBase } from 'pg';

/** The three roles of one event store database. */
export interface EventStoreRoles {
  /** NOLOGIN; owns the schema, the tables and the trigger function. */
  owner: string;
  /** LOGIN; the services connect as it: INSERT and SELECT on records, nothing else. */
  app: string;
  /**
   * NOLOGIN; may only call `event_store.dispose_stream`. Granted to the login of the archive's
   * records officer (`GRANT ${db}_disposal TO officer`), never to the application role.
   */
  disposal: string;
}

const MAX_ROLE_NAME = 63;

/** Roles are cluster-wide, so their names are derived from the database they serve. */
export function eventStoreRoles(database: string): EventStoreRoles {
  const roles = {
    owner: `${database}_owner`,
    app: `${database}_app`,
    disposal: `${database}_disposal`,
  };
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
 * that can log in, an app or disposal role that is a superuser or bypasses row security, an
 * app role that may dispose.
 */
export async function ensureRoles(
  client: ClientBase,
  roles: EventStoreRoles,
  appPassword?: string,
): Promise<void> {
  const existing = await client.query<RoleRow>(
    `SELECT rolname, rolcanlogin, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = ANY($1)`,
    [[roles.owner, roles.app, roles.disposal]],
  );
  const found = new Map(existing.rows.map((row) => [row.rolname, row]));
  const owner = found.get(roles.owner);
  const app = found.get(roles.app);
  const disposal = found.get(roles.disposal);
  if (!owner) await client.query(`CREATE ROLE ${escapeIdentifier(roles.owner)} NOLOGIN`);
  else if (owner.rolcanlogin || owner.rolsuper) {
    throw new Error(`Role ${roles.owner} must be NOLOGIN NOSUPERUSER to own the event store`);
  }
  if (!app) await client.query(`CREATE ROLE ${escapeIdentifier(roles.app)} LOGIN`);
  else if (app.rolsuper || app.rolbypassrls) {
    throw new Error(`Role ${roles.app} must not be a superuser nor bypass row security`);
  }
  if (!disposal) await client.query(`CREATE ROLE ${escapeIdentifier(roles.disposal)} NOLOGIN`);
  else if (disposal.rolsuper || disposal.rolbypassrls) {
    throw new Error(`Role ${roles.disposal} must not be a superuser nor bypass row security`);
  }
  if (await isMember(client, roles.app, roles.disposal)) {
    throw new Error(`Role ${roles.app} must not be a member of ${roles.disposal}`);
  }
  if (appPassword !== undefined) {
    await client.query(
      `ALTER ROLE ${escapeIdentifier(roles.app)} PASSWORD ${escapeLiteral(appPassword)}`,
    );
  }
  const database = escapeIdentifier(await currentDatabase(client));
  await client.query(`GRANT CONNECT ON DATABASE ${database} TO ${escapeIdentifier(roles.app)}`);
}

async function isMember(client: ClientBase, member: string, role: string): Promise<boolean> {
  const result = await client.query<{ member: boolean }>(
    `SELECT pg_has_role($1, $2, 'MEMBER') AS member`,
    [member, role],
  );
  return result.rows[0]?.member === true;
}

export async function currentDatabase(client: ClientBase): Promise<string> {
  const result = await client.query<{ name: string }>('SELECT current_database() AS name');
  const name = result.rows[0]?.name;
  if (!name) throw new Error('current_database() returned no name');
  return name;
}
