import { requireInfra } from '@ejournal/testing';
import { DependencyProbe } from './dependency-probe';
import { kafkaProbe } from './kafka.probe';
import { mongoProbe } from './mongo.probe';
import { postgresProbe } from './postgres.probe';

describe('dependency probes against real servers', () => {
  const probes: DependencyProbe[] = [];
  const track = (probe: DependencyProbe) => (probes.push(probe), probe);
  let servers: Awaited<ReturnType<typeof requireInfra>>;

  beforeAll(async () => {
    servers = await requireInfra();
  });

  afterAll(async () => {
    await Promise.allSettled(probes.map((probe) => probe.close()));
  });

  it('pass when PostgreSQL, Kafka and the MongoDB API answer', async () => {
    await expect(track(postgresProbe(servers.DATABASE_URL)).check()).resolves.toBeUndefined();
    await expect(
      track(kafkaProbe(servers.KAFKA_BROKERS.split(','), 'probe-test')).check(),
    ).resolves.toBeUndefined();
    await expect(track(mongoProbe(servers.MONGO_URL)).check()).resolves.toBeUndefined();
  });

  it('fail with the reason when nothing listens', async () => {
    await expect(
      track(postgresProbe('postgres://postgres@127.0.0.1:1/test', 500)).check(),
    ).rejects.toThrow(/ECONNREFUSED/);
    await expect(track(kafkaProbe(['127.0.0.1:1'], 'probe-test', 500)).check()).rejects.toThrow();
    await expect(track(mongoProbe('mongodb://127.0.0.1:1/test', 500)).check()).rejects.toThrow(
      /ECONNREFUSED|Server selection timed out/,
    );
  });
});
