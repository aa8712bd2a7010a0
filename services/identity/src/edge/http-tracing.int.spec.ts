import type { RecordedEvent } from '@ejournal/contracts';
import type { EventStore } from '@ejournal/event-store';
import {
  createKafkajsBus,
  startConsumer,
  type EventConsumer,
  type InboundMessage,
} from '@ejournal/messaging';
import { startTelemetry, type Telemetry } from '@ejournal/telemetry';
import { createTestDatabase, testTopic } from '@ejournal/testing';
import { SpanKind } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace';
import { setTimeout as sleep } from 'node:timers/promises';
import { EVENT_STORE } from '../infrastructure/tokens';
import { operatorToken } from '../testing/identity-client';
import { identityTestApp, type TestApp } from '../testing/identity-test-app';

jest.setTimeout(60_000);

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';

describe('one trace from an HTTP request to a consumer (identity, real PostgreSQL and Kafka)', () => {
  const topic = testTopic('identity tracing');
  const bus = createKafkajsBus({
    brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','),
    clientId: 'identity-tracing-test',
    logLevel: 'nothing',
  });
  const spans = new InMemorySpanExporter();
  const consumed: { event: RecordedEvent; message: InboundMessage }[] = [];
  let telemetry: Telemetry;
  let test: TestApp;
  let consumer: EventConsumer;
  let token: string;

  beforeAll(async () => {
    telemetry = startTelemetry({
      serviceName: 'identity-tracing-test',
      env: {},
      spanProcessors: [new SimpleSpanProcessor({ exporter: spans })],
    });
    test = await identityTestApp(await createTestDatabase('identity tracing'), {
      RELAY_ENABLED: 'true',
      IDENTITY_EVENTS_TOPIC: topic,
      IDENTITY_TOPIC_PARTITIONS: '1',
    });
    token = await operatorToken(test);
    consumer = await startConsumer({
      bus,
      groupId: `${topic}.traced`,
      topics: [topic],
      handle: async (event, { message }) => void consumed.push({ event, message }),
      onDeadLetter: async () => undefined,
    });
  });

  afterAll(async () => {
    await consumer?.stop();
    await test?.close();
    const admin = await bus.admin();
    await admin.deleteTopics([topic, `${topic}.dlq`]).catch(() => undefined);
    await admin.close();
    await telemetry?.shutdown();
  });

  /** Registers a municipality; the spans of its one event, from the request to the consumer. */
  async function registerMunicipality(municipalityId: string, headers: Record<string, string>) {
    const earlier = spans.getFinishedSpans().length;
    const response = await test.call('POST', '/municipalities', {
      token,
      headers,
      body: { municipalityId },
    });
    expect(response.status).toBeLessThan(300);
    const [stored] = await test.app
      .get<EventStore>(EVENT_STORE)
      .readStream(`municipality-${municipalityId}`);
    const later = () => spans.getFinishedSpans().slice(earlier);
    const server = await eventually('the server span', () =>
      later().find((span) => span.name === 'HTTP POST /municipalities'),
    );
    const childOf = (parent: ReadableSpan, kind: SpanKind) =>
      eventually(`a ${SpanKind[kind]} span, child of ${parent.name}`, () =>
        later().find(
          (span) =>
            span.kind === kind && span.parentSpanContext?.spanId === parent.spanContext().spanId,
        ),
      );
    const publish = await childOf(server, SpanKind.PRODUCER);
    const consume = await childOf(publish, SpanKind.CONSUMER);
    const delivered = consumed.find(({ event }) => event.eventId === stored?.eventId);
    return { stored: stored!, server, publish, consume, delivered: delivered! };
  }

  it('continues an incoming traceparent through the append, the relay and a consumer', async () => {
    const { stored, server, publish, consume, delivered } = await registerMunicipality(
      'mun-traced',
      { traceparent: `00-${TRACE_ID}-${CALLER_SPAN_ID}-01` },
    );
    expect(server.kind).toBe(SpanKind.SERVER);
    expect(server.parentSpanContext?.spanId).toBe(CALLER_SPAN_ID);
    expect(stored.traceparent).toBe(`00-${TRACE_ID}-${server.spanContext().spanId}-01`);
    for (const span of [server, publish, consume])
      expect(span.spanContext().traceId).toBe(TRACE_ID);
    expect(publish.name).toBe(`publish ${topic}`);
    expect(consume.name).toBe(`process ${topic}`);
    expect(delivered.message.headers['traceparent']).toBe(
      `00-${TRACE_ID}-${publish.spanContext().spanId}-01`,
    );
  });

  it('starts a new trace for a request without one, and the event carries it', async () => {
    const { stored, server, publish, consume } = await registerMunicipality('mun-fresh', {});
    const { traceId, spanId } = server.spanContext();
    expect(server.parentSpanContext).toBeUndefined();
    expect(traceId).not.toBe(TRACE_ID);
    expect(stored.traceparent).toBe(`00-${traceId}-${spanId}-01`);
    expect(publish.spanContext().traceId).toBe(traceId);
    expect(consume.spanContext().traceId).toBe(traceId);
  });
});

async function eventually<T>(what: string, find: () => T | undefined, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await sleep(50);
  }
}
