import { loadConfig } from '@ejournal/config';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', ''])
  .optional()
  .transform((value) => value === 'true');

const optionalUrl = z.url({ protocol: /^https?$/ }).optional();

const schema = z.object({
  OTEL_SDK_DISABLED: flag,
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalUrl,
  OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: optionalUrl,
  OTEL_METRIC_EXPORT_INTERVAL: z.coerce.number().int().min(100).default(60_000),
  NODE_ENV: z.string().optional(),
});

export interface TelemetryConfig {
  /** OTEL_SDK_DISABLED=true: nothing is registered, not even context propagation. */
  disabled: boolean;
  serviceName: string | undefined;
  /** Where OTLP/HTTP sends spans; undefined when nothing is exported. */
  tracesUrl: string | undefined;
  metricsUrl: string | undefined;
  metricIntervalMs: number;
}

const signalUrl = (base: string | undefined, signal: 'traces' | 'metrics') =>
  base && `${base.replace(/\/+$/, '')}/v1/${signal}`;

/**
 * The standard OpenTelemetry variables, validated. Under Jest (NODE_ENV=test) nothing is
 * exported over OTLP even when an endpoint is set: tests pass in-memory exporters instead.
 */
export function telemetryConfig(
  env: Record<string, string | undefined> = process.env,
): TelemetryConfig {
  const parsed = loadConfig(schema, env);
  const exporting = parsed.NODE_ENV !== 'test';
  const base = parsed.OTEL_EXPORTER_OTLP_ENDPOINT;
  return {
    disabled: parsed.OTEL_SDK_DISABLED,
    serviceName: parsed.OTEL_SERVICE_NAME,
    tracesUrl: exporting
      ? (parsed.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? signalUrl(base, 'traces'))
      : undefined,
    metricsUrl: exporting
      ? (parsed.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT ?? signalUrl(base, 'metrics'))
      : undefined,
    metricIntervalMs: parsed.OTEL_METRIC_EXPORT_INTERVAL,
  };
}
