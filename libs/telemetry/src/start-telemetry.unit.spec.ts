import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { startTelemetry } from './start-telemetry';
import { contextFromTraceparent, traceparentOf } from './trace-context';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('startTelemetry', () => {
  it('records spans that continue a stored traceparent, across awaits', async () => {
    const exporter = new InMemorySpanExporter();
    const telemetry = startTelemetry({
      serviceName: 'test-service',
      env: {},
      spanProcessors: [new SimpleSpanProcessor({ exporter })],
    });
    try {
      const tracer = trace.getTracer('test');
      const span = tracer.startSpan('handle', {}, contextFromTraceparent(TRACEPARENT));
      const inner = await context.with(trace.setSpan(context.active(), span), async () => {
        await new Promise((resolve) => setImmediate(resolve));
        return traceparentOf();
      });
      span.end();
      expect(telemetry.recording).toBe(true);
      const [finished] = exporter.getFinishedSpans();
      expect(finished?.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
      expect(finished?.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
      expect(finished?.resource.attributes['service.name']).toBe('test-service');
      expect(inner).toBe(`00-0af7651916cd43dd8448eb211c80319c-${span.spanContext().spanId}-01`);
    } finally {
      await telemetry.shutdown();
    }
    expect(trace.getTracer('test').startSpan('after').isRecording()).toBe(false);
  });

  it('exports nothing without an exporter, yet starts real traces and continues a parent', async () => {
    const telemetry = startTelemetry({ serviceName: 'test-service', env: {} });
    try {
      const child = trace.getTracer('test').startSpan('x', {}, contextFromTraceparent(TRACEPARENT));
      const root = trace.getTracer('test').startSpan('root');
      expect(telemetry.recording).toBe(false);
      const childParent = traceparentOf(trace.setSpan(context.active(), child));
      expect(childParent?.slice(0, 35)).toBe(TRACEPARENT.slice(0, 35));
      expect(childParent).not.toBe(TRACEPARENT);
      expect(traceparentOf(trace.setSpan(context.active(), root))).toMatch(
        /^00-(?!0{32})[0-9a-f]{32}-[0-9a-f]{16}-01$/,
      );
    } finally {
      await telemetry.shutdown();
    }
  });

  it('registers nothing when OTEL_SDK_DISABLED=true', async () => {
    const exporter = new InMemorySpanExporter();
    const telemetry = startTelemetry({
      serviceName: 'test-service',
      env: { OTEL_SDK_DISABLED: 'true' },
      spanProcessors: [new SimpleSpanProcessor({ exporter })],
    });
    trace.getTracer('test').startSpan('ignored').end();
    await telemetry.shutdown();
    expect(telemetry.recording).toBe(false);
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  });
});
