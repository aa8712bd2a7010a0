import { INFRA_VARIABLES, InfraVariable, LOCAL_INFRA } from './local-infra';
import { endpointOf, probeTcp } from './reachability';

export type InfraSource = 'environment' | 'testcontainers' | 'local infrastructure';
export const INFRA_SOURCE_VARIABLE = 'EJOURNAL_TEST_INFRA_SOURCE';

const SERVER_NAMES: Record<InfraVariable, string> = {
  DATABASE_URL: 'PostgreSQL',
  KAFKA_BROKERS: 'Kafka',
  MONGO_URL: 'MongoDB API (FerretDB)',
};

/** The servers integration tests use, as resolved by the Jest global setup. */
export function infraEnv(): Record<InfraVariable, string> {
  const missing = INFRA_VARIABLES.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(', ')} not set: run integration tests through Jest with the shared preset ` +
        `(jest.preset.js), which resolves the servers, or set the variables yourself.`,
    );
  }
  return Object.fromEntries(
    INFRA_VARIABLES.map((name) => [name, process.env[name] as string]),
  ) as Record<InfraVariable, string>;
}

/**
 * Fails with one clear message naming every server that does not accept connections, where it
 * was looked for, and how to start it. Call it in `beforeAll` of an integration test file.
 */
export async function requireInfra(
  needed: InfraVariable[] = INFRA_VARIABLES,
): Promise<Record<InfraVariable, string>> {
  const servers = infraEnv();
  const source = process.env[INFRA_SOURCE_VARIABLE] ?? 'environment';
  const problems = await Promise.all(
    needed.map(async (name) => {
      const endpoint = endpointOf(name, servers[name]);
      const problem = await probeTcp(endpoint);
      return problem && `${SERVER_NAMES[name]} at ${endpoint.host}:${endpoint.port}: ${problem}`;
    }),
  );
  const down = problems.filter(Boolean);
  if (down.length > 0) {
    throw new Error(
      `Integration infrastructure is not reachable (servers from the ${source}):\n  ` +
        `${down.join('\n  ')}\n` +
        'Start the local infrastructure with `npm run infra -- up` (`npm test` starts it itself), ' +
        `or point ${INFRA_VARIABLES.join(', ')} at running servers.`,
    );
  }
  return servers;
}

export { LOCAL_INFRA };
