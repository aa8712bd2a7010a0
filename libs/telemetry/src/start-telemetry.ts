import { context, metrics, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  type MetricReader,
} from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, TracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { telemetryConfig } from './telemetry-config';

export interface TelemetryOptions {
  serviceName: string;
  serviceVersion?: string;
  env?: Record<string, string | undefined>;
  /** Added to the OTLP exporter's, e.g. a SimpleSpanProcessor on an InMemorySpanExporter. */
  spanProcessors?: SpanProcessor[];
  metricReaders?: MetricReader[];
}

export interface Telemetry {
  /** True when spans and metrics are recorded (something will receive them). */
  readonly recording: boolean;
  forceFlush(): Promise<void>;
  /** Flushes, then puts the OpenTelemetry API back to its no-op state. */
  shutdown(): Promise<void>;
}

/**
 * Bootstraps OpenTelemetry for one process: context propagation (AsyncLocalStorage, W3C
 * trace context and baggage) and a tracer provider always, unless OTEL_SDK_DISABLED=true, so
 * every request starts a real trace whose id lands in the events it appends, the Kafka
 * headers and the log lines even when nothing is exported; span processors and a meter
 * provider only when something receives their data (an OTLP endpoint, or those passed in).
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  const config = telemetryConfig(options.env);
  if (config.disabled) return { recording: false, forceFlush: noop, shutdown: noop };

  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(
    new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    }),
  );
  const spanProcessors = [...(options.spanProcessors ?? [])];
  if (config.tracesUrl) {
    spanProcessors.push(
      new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: config.tracesUrl }) }),
    );
  }
  const metricReaders = [...(options.metricReaders ?? [])];
  if (config.metricsUrl) {
    metricReaders.push(
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: config.metricsUrl }),
        exportIntervalMillis: config.metricIntervalMs,
      }),
    );
  }
  const resource = resourceFromAttributes({
    [ATTR_SERVICE_NAME]: config.serviceName ?? options.serviceName,
    ...(options.serviceVersion ? { [ATTR_SERVICE_VERSION]: options.serviceVersion } : {}),
  });
  const tracerProvider = new TracerProvider({ resource, spanProcessors });
  const meterProvider =
    metricReaders.length > 0 ? new MeterProvider({ resource, readers: metricReaders }) : undefined;
  trace.setGlobalTracerProvider(tracerProvider);
  if (meterProvider) metrics.setGlobalMeterProvider(meterProvider);

  return {
    recording: spanProcessors.length > 0 || Boolean(meterProvider),
    async forceFlush() {
      await Promise.all([tracerProvider.forceFlush(), meterProvider?.forceFlush()]);
    },
    async shutdown() {
      await Promise.all([tracerProvider.shutdown(), meterProvider?.shutdown()]);
      trace.disable();
      metrics.disable();
      propagation.disable();
      context.disable();
    },
  };
}

const noop = async () => undefined;
