import { startTelemetry, traceparentOf, type Telemetry } from '@ejournal/telemetry';
import { Controller, Get, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { setImmediate as tick } from 'node:timers/promises';
import { createHttpApp } from '../bootstrap-service';
import { NotFoundProblem } from '../problems/problem';
import { ATTR_PROBLEM_CODE } from './request-tracing';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const INCOMING = `00-${TRACE_ID}-b7ad6b7169203331-01`;

@Controller('lessons')
class LessonsController {
  @Get(':lessonId')
  async get() {
    await tick();
    return { traceparent: traceparentOf() };
  }

  @Post(':lessonId/fail')
  async fail() {
    await tick();
    throw new Error('boom');
  }

  @Get(':lessonId/missing')
  missing() {
    throw new NotFoundProblem('TEST.NOT_FOUND', 'There is no such thing');
  }
}

@Controller('health')
class HealthController {
  @Get('live')
  live() {
    return { traceparent: traceparentOf() };
  }
}

@Module({ controllers: [LessonsController, HealthController] })
class TestModule {}

describe('request tracing', () => {
  const spans = new InMemorySpanExporter();
  const metrics = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({
    exporter: metrics,
    exportIntervalMillis: 60_000,
  });
  let telemetry: Telemetry;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    telemetry = startTelemetry({
      serviceName: 'http-test',
      env: {},
      spanProcessors: [new SimpleSpanProcessor({ exporter: spans })],
      metricReaders: [reader],
    });
    app = await createHttpApp(TestModule, { name: 'http-test', logLevel: 'error' });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app?.close();
    await telemetry?.shutdown();
  });
  beforeEach(() => spans.reset());

  const onlySpan = () => {
    const finished = spans.getFinishedSpans();
    expect(finished).toHaveLength(1);
    return finished[0]!;
  };

  it('opens a server span named after the route template, active through the handler', async () => {
    const response = await app.inject({ method: 'GET', url: '/lessons/l-1?full=true' });
    const span = onlySpan();
    expect(span.name).toBe('HTTP GET /lessons/:lessonId');
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.parentSpanContext).toBeUndefined();
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes).toEqual({
      'http.request.method': 'GET',
      'http.route': '/lessons/:lessonId',
      'url.path': '/lessons/l-1',
      'url.scheme': 'http',
      'http.response.status_code': 200,
    });
    const { traceId, spanId } = span.spanContext();
    expect(response.json()).toEqual({ traceparent: `00-${traceId}-${spanId}-01` });
  });

  it('continues the trace of an incoming traceparent', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/lessons/l-1',
      headers: { traceparent: INCOMING },
    });
    const span = onlySpan();
    expect(span.spanContext().traceId).toBe(TRACE_ID);
    expect(span.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(response.json().traceparent).toBe(`00-${TRACE_ID}-${span.spanContext().spanId}-01`);
  });

  it('marks a 5xx an error with its problem code, and logs the trace id with the failure', async () => {
    const lines: string[] = [];
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      expect((await app.inject({ method: 'POST', url: '/lessons/l-1/fail' })).statusCode).toBe(500);
    } finally {
      stderr.mockRestore();
    }
    const span = onlySpan();
    expect(span.name).toBe('HTTP POST /lessons/:lessonId/fail');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes).toMatchObject({
      'http.response.status_code': 500,
      [ATTR_PROBLEM_CODE]: 'HTTP.INTERNAL_ERROR',
    });
    const logged = lines.map((line) => JSON.parse(line));
    expect(logged).toEqual([
      expect.objectContaining({
        message: expect.objectContaining({ message: 'unhandled error' }),
        trace_id: span.spanContext().traceId,
        span_id: span.spanContext().spanId,
      }),
    ]);
  });

  it('names the problem of a 4xx without marking it an error, routed or not', async () => {
    await app.inject({ method: 'GET', url: '/lessons/l-1/missing' });
    const missing = onlySpan();
    expect(missing.status.code).toBe(SpanStatusCode.UNSET);
    expect(missing.attributes).toMatchObject({
      'http.response.status_code': 404,
      [ATTR_PROBLEM_CODE]: 'TEST.NOT_FOUND',
    });
    spans.reset();
    await app.inject({ method: 'GET', url: '/nowhere' });
    const unrouted = onlySpan();
    expect(unrouted.name).toBe('HTTP GET');
    expect(unrouted.attributes['http.route']).toBeUndefined();
    expect(unrouted.attributes[ATTR_PROBLEM_CODE]).toBe('HTTP.NOT_FOUND');
  });

  it('leaves the health endpoints untraced', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/health/live',
      headers: { traceparent: INCOMING },
    });
    expect(response.json()).toEqual({ traceparent: null });
    expect(spans.getFinishedSpans()).toHaveLength(0);
  });

  it('measures each request but the probes in http.server.request.duration, by route and status', async () => {
    await app.inject({ method: 'GET', url: '/lessons/l-1' });
    await app.inject({ method: 'GET', url: '/lessons/l-2' });
    await app.inject({ method: 'GET', url: '/lessons/l-1/missing' });
    await app.inject({ method: 'GET', url: '/health/live' });
    metrics.reset();
    await reader.forceFlush();
    const points = metrics
      .getMetrics()
      .flatMap((resource) => resource.scopeMetrics.flatMap((scope) => scope.metrics))
      .filter((metric) => metric.descriptor.name === 'http.server.request.duration')
      .flatMap((metric) => metric.dataPoints as { attributes: object; value: unknown }[]);
    const counts = points.map((point) => ({
      ...point.attributes,
      count: (point.value as { count: number }).count,
    }));
    expect(counts).toEqual(
      expect.arrayContaining([
        {
          'http.request.method': 'GET',
          'http.route': '/lessons/:lessonId',
          'http.response.status_code': 200,
          count: expect.any(Number),
        },
        {
          'http.request.method': 'GET',
          'http.route': '/lessons/:lessonId/missing',
          'http.response.status_code': 404,
          count: expect.any(Number),
        },
      ]),
    );
    expect(counts.filter((point) => String(Object.values(point)).includes('/health/'))).toEqual([]);
  });
});
