import { INFRA_SOURCE_VARIABLE, InfraSource } from './infra-env';
import { INFRA_VARIABLES, LOCAL_INFRA } from './local-infra';

type Stop = () => Promise<void>;
// On globalThis because Jest loads the teardown module separately from this one.
const holder = globalThis as typeof globalThis & { __ejournalContainerStops?: Stop[] };
const stops: Stop[] = (holder.__ejournalContainerStops ??= []);

/**
 * Resolves the servers integration tests use, in this order: variables already set in the
 * environment; testcontainers when a Docker engine answers; the local infrastructure.
 * Jest workers are started after this runs, so they inherit the variables.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env[INFRA_SOURCE_VARIABLE]) return;
  let source: InfraSource = 'environment';
  if (INFRA_VARIABLES.some((name) => !process.env[name])) {
    source = (await dockerAnswers()) ? 'testcontainers' : 'local infrastructure';
    if (source === 'testcontainers') await startContainers();
    for (const name of INFRA_VARIABLES) process.env[name] ??= LOCAL_INFRA[name];
  }
  process.env[INFRA_SOURCE_VARIABLE] = source;
}

export async function stopContainers(): Promise<void> {
  await Promise.all(stops.splice(0).map((stop) => stop()));
}

async function dockerAnswers(): Promise<boolean> {
  if (process.env['EJOURNAL_TEST_NO_DOCKER'] === '1') return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

async function startContainers(): Promise<void> {
  const [{ PostgreSqlContainer }, { KafkaContainer }, { MongoDBContainer }] = await Promise.all([
    import('@testcontainers/postgresql'),
    import('@testcontainers/kafka'),
    import('@testcontainers/mongodb'),
  ]);
  const [postgres, kafka, mongo] = await Promise.all([
    new PostgreSqlContainer('postgres:17-alpine').start(),
    new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start(),
    new MongoDBContainer('mongo:7.0').start(),
  ]);
  stops.push(
    async () => void (await postgres.stop()),
    async () => void (await kafka.stop()),
    async () => void (await mongo.stop()),
  );
  process.env['DATABASE_URL'] ??= postgres.getConnectionUri();
  process.env['KAFKA_BROKERS'] ??= `${kafka.getHost()}:${kafka.getMappedPort(9093)}`;
  process.env['MONGO_URL'] ??= `${mongo.getConnectionString()}/?directConnection=true`;
}
