import { verifyConsistency, checkpointSignatureValid, publicKeyObject } from '@ejournal/integrity';
import {
  integrityFixture,
  markRecorded,
  newSigner,
  untilReadable,
  type IntegrityFixture,
} from '@ejournal/integrity/testing';
import { createKafkajsBus, type Publisher } from '@ejournal/messaging';
import { startTelemetry, type Telemetry } from '@ejournal/telemetry';
import { createTestDatabase, requireInfra, testTopic } from '@ejournal/testing';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { KafkaCheckpointPublisher } from './checkpoint-message';
import { startIntegrityRunner, type IntegrityRunner } from './start-integrity-runner';
import { listenToCheckpoints, type CheckpointListener } from './testing';

jest.setTimeout(60_000);

const until = async (condition: () => boolean, what: string) => {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('startIntegrityRunner: one builder and checkpointer per store, through a lease', () => {
  let fixture: IntegrityFixture;
  let publisher: Publisher;
  let listener: CheckpointListener;
  const topic = testTopic('integrity runner');
  const signer = newSigner('runner-test-key');
  const errors: unknown[] = [];

  const metrics = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({
    exporter: metrics,
    exportIntervalMillis: 60_000,
  });
  let telemetry: Telemetry;
  /** The checkpoint age each collection reports now, by log. */
  const checkpointAges = async () => {
    metrics.reset();
    await reader.forceFlush();
    return metrics
      .getMetrics()
      .flatMap((resource) => resource.scopeMetrics.flatMap((scope) => scope.metrics))
      .filter((metric) => metric.descriptor.name === 'ejournal.integrity.checkpoint_age')
      .flatMap((metric) => metric.dataPoints as { value: number }[])
      .map((point) => point.value);
  };

  const runner = (checkpointIntervalMs = 300): IntegrityRunner =>
    startIntegrityRunner({
      pool: fixture.pool,
      connectionString: fixture.appUrl,
      name: 'runner-test',
      logId: `ejournal/${fixture.name}`,
      signer,
      publisher: new KafkaCheckpointPublisher({
        pool: fixture.pool,
        publisher,
        topic,
        service: 'test',
      }),
      buildIntervalMs: 50,
      checkpointIntervalMs,
      onError: (error) => errors.push(error),
    });

  beforeAll(async () => {
    telemetry = startTelemetry({ serviceName: 'runner-test', env: {}, metricReaders: [reader] });
    const servers = await requireInfra(['DATABASE_URL', 'KAFKA_BROKERS']);
    const brokers = servers.KAFKA_BROKERS.split(',');
    fixture = await integrityFixture(await createTestDatabase('integrity runner'));
    listener = await listenToCheckpoints(brokers, topic);
    publisher = await createKafkajsBus({ brokers, clientId: 'runner-test' }).publisher();
  });

  afterAll(async () => {
    await listener?.stop();
    await publisher?.close();
    await fixture?.drop();
    await telemetry?.shutdown();
  });

  it('signs at its interval while the store grows, publishes each checkpoint with a proof from the one before, and hands over when the holder stops', async () => {
    const [first, second] = [runner(), runner()];
    try {
      await until(() => first.isLeader() || second.isLeader(), 'a leader');
      const leader = first.isLeader() ? first : second;
      const standby = leader === first ? second : first;
      expect(standby.isLeader()).toBe(false);
      expect(await standby.checkpointNow()).toBeNull();

      await fixture.store.append('journal-runner', 'noStream', [markRecorded(), markRecorded()]);
      await untilReadable(fixture, 2);
      const two = await listener.until((c) => c.treeSize === 2);
      expect(two).toMatchObject({ service: 'test', keyId: 'runner-test-key', consistency: null });

      await fixture.store.append('journal-runner', 2, [
        markRecorded(),
        markRecorded(),
        markRecorded(),
      ]);
      const five = await listener.until((c) => c.treeSize === 5);
      expect(five.consistency).toMatchObject({
        fromCheckpointId: two.checkpointId,
        fromTreeSize: 2,
      });

      await leader.stop();
      await until(() => standby.isLeader(), 'the standby to take over');
      await fixture.store.append('journal-runner', 5, [markRecorded()]);
      const six = await listener.until((c) => c.treeSize === 6);
      expect(six.consistency?.fromCheckpointId).toBe(five.checkpointId);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
    expect(errors).toEqual([]);

    // Each published checkpoint verifies alone: its signature, and its proof from the previous.
    const byId = new Map(listener.received.map((c) => [c.checkpointId, c]));
    const key = publicKeyObject(signer.publicKey);
    for (const checkpoint of byId.values()) {
      expect(checkpointSignatureValid(checkpoint, key)).toBe(true);
      const from = checkpoint.consistency;
      if (!from) continue;
      const kept = byId.get(from.fromCheckpointId);
      expect(kept?.rootHash).toBe(from.fromRootHash);
      const proof = from.proof.map((hash) => Buffer.from(hash, 'hex'));
      const roots = [from.fromRootHash, checkpoint.rootHash].map((h) => Buffer.from(h, 'hex'));
      expect(
        verifyConsistency(
          from.fromTreeSize,
          checkpoint.treeSize,
          roots[0] as Buffer,
          roots[1] as Buffer,
          proof,
        ),
      ).toBe(true);
    }
    // The new holder offered the latest ones again: repeats, never other checkpoints.
    expect(listener.received.length).toBeGreaterThan(byId.size);
  });

  it('reports how long unsigned leaves have waited for a checkpoint: 0 once all are signed', async () => {
    // No checkpoint on its own within the test: only those asked for.
    const holder = runner(3_600_000);
    try {
      await until(() => holder.isLeader(), 'the lease');
      const signed = await holder.checkpointNow();
      expect(await checkpointAges()).toEqual([0]);

      const before = await fixture.store.readStream('journal-runner');
      await fixture.store.append('journal-runner', before.length, [markRecorded()]);
      // The builder takes the new leaf into the log within its interval: collect until it has.
      let ages = await checkpointAges();
      while (!ages.some((age) => age > 0)) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        ages = await checkpointAges();
      }
      const waited = (Date.now() - Date.parse(String(signed?.signedAt))) / 1000;
      expect(ages).toHaveLength(1);
      expect(ages[0]).toBeLessThanOrEqual(waited);

      await holder.checkpointNow();
      expect(await checkpointAges()).toEqual([0]);
    } finally {
      await holder.stop();
    }
  });
});
