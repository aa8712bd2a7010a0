import {
  startTelemetry,
  traceparentOf,
  withTraceparent,
  type Telemetry,
} from '@ejournal/telemetry';
import { createTestDatabase, requireInfra, testTopic } from '@ejournal/testing';
import { SpanKind, trace } from '@opentelemetry/api';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  PeriodicExportingMetricReader,
  type MetricData,
} from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { startConsumer } from './consumer/start-consumer';
import type { InboundMessage } from './port/message-bus.port';
import { PostgresRelayLease } from './relay/postgres-relay-lease';
import { startRelay } from './relay/start-relay';
import { kafkaFixture, type KafkaFixture } from './testing/kafka-fixture';
import { markRecorded } from './testing/sample-events';
import { storeFixture, type StoreFixture } from './testing/store-fixture';
import { until } from './testing/until';

jest.setTimeout(60_000);

const LAG_METRICS = [
  'ejournal.relay.lag',
  'ejournal.relay.events_behind',
  'ejournal.consumer.lag',
  'ejournal.consumer.offset_lag',
];

describe('one trace from append to consumer (real PostgreSQL and Kafka)', () => {
  let fixture: StoreFixture;
  let kafka: KafkaFixture;
  let telemetry: Telemetry;
  const spans = new InMemorySpanExporter();
  const metrics = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({
    exporter: metrics,
    exportIntervalMillis: 60_000,
  });
  const topic = testTopic('tracing');
  /** The data points of one metric in the latest collection. */
  const pointsOf = (name: string): { value: unknown }[] =>
    metrics
      .getMetrics()
      .flatMap((resource) => resource.scopeMetrics.flatMap((scope) => scope.metrics))
      .filter((metric) => metric.descriptor.name === name)
      .flatMap((metric: MetricData): { value: unknown }[] => metric.dataPoints);

  beforeAll(async () => {
    const { KAFKA_BROKERS } = await requireInfra(['DATABASE_URL', 'KAFKA_BROKERS']);
    telemetry = startTelemetry({
      serviceName: 'tracing-test',
      env: {},
      spanProcessors: [new SimpleSpanProcessor({ exporter: spans })],
      metricReaders: [reader],
    });
    fixture = await storeFixture(await createTestDatabase('messaging tracing'));
    kafka = await kafkaFixture(KAFKA_BROKERS, 'tracing-test');
    await kafka.createTopic(topic, 2);
  });

  afterAll(async () => {
    await kafka?.close();
    await fixture?.drop();
    await telemetry?.shutdown();
  });

  it('links the append span, the publish span and the consume span', async () => {
    const tracer = trace.getTracer('tracing-test');
    const stored = await tracer.startActiveSpan('POST /journals/:id/marks', async (span) => {
      try {
        const event = withTraceparent(markRecorded(1, 'school-0'));
        await fixture.store.append('journal-traced', 'noStream', [event]);
        return { traceparent: event.traceparent, appendSpan: span.spanContext() };
      } finally {
        span.end();
      }
    });

    const publisher = await kafka.bus.publisher();
    const relay = startRelay({
      store: fixture.relayStore,
      publisher,
      topic,
      lease: new PostgresRelayLease({ connectionString: fixture.appUrl, name: topic }),
    });
    const received: { message: InboundMessage; activeTraceparent: string | null }[] = [];
    const consumer = await startConsumer({
      bus: kafka.bus,
      groupId: `${topic}.traced`,
      topics: [topic],
      async handle(_event, { message }) {
        received.push({ message, activeTraceparent: traceparentOf() });
      },
      onDeadLetter: async () => undefined,
    });
    try {
      await until('the consumer', () => received.length === 1);
      // The consumer records its lag after the handler and its offset lag after the commit;
      // the relay's backlog gauge reports once the checkpoint is written. Collected until each
      // has a data point, while the relay still holds its lease (only the publisher reports).
      await until('a data point of every relay and consumer metric', async () => {
        metrics.reset();
        await reader.forceFlush();
        return LAG_METRICS.every((name) => pointsOf(name).length > 0);
      });
    } finally {
      await consumer.stop();
      await relay.stop();
      await publisher.close();
    }

    const finished = spans.getFinishedSpans();
    const append = finished.find((span) => span.name === 'POST /journals/:id/marks')!;
    const publish = finished.find((span) => span.kind === SpanKind.PRODUCER)!;
    const consume = finished.find((span) => span.kind === SpanKind.CONSUMER)!;
    const traceId = stored.appendSpan.traceId;
    expect(stored.traceparent).toBe(`00-${traceId}-${stored.appendSpan.spanId}-01`);
    expect(publish.name).toBe(`publish ${topic}`);
    expect(consume.name).toBe(`process ${topic}`);
    for (const span of [append, publish, consume]) expect(span.spanContext().traceId).toBe(traceId);
    expect(publish.parentSpanContext?.spanId).toBe(append.spanContext().spanId);
    expect(consume.parentSpanContext?.spanId).toBe(publish.spanContext().spanId);
    const [{ message, activeTraceparent }] = received as [(typeof received)[0]];
    expect(message.headers['traceparent']).toBe(`00-${traceId}-${publish.spanContext().spanId}-01`);
    expect(activeTraceparent).toBe(`00-${traceId}-${consume.spanContext().spanId}-01`);

    const histogramCount = (name: string) =>
      pointsOf(name).reduce((sum, point) => sum + (point.value as { count: number }).count, 0);
    expect(histogramCount('ejournal.relay.lag')).toBeGreaterThanOrEqual(1);
    expect(histogramCount('ejournal.consumer.lag')).toBeGreaterThanOrEqual(1);
    for (const gauge of ['ejournal.consumer.offset_lag', 'ejournal.relay.events_behind']) {
      expect(new Set(pointsOf(gauge).map((point) => point.value))).toEqual(new Set([0]));
    }
  });
});
