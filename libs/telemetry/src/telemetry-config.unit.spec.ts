import { ConfigError } from '@ejournal/config';
import { telemetryConfig } from './telemetry-config';

describe('telemetryConfig', () => {
  it('exports nothing when no endpoint is set', () => {
    expect(telemetryConfig({})).toEqual({
      disabled: false,
      serviceName: undefined,
      tracesUrl: undefined,
      metricsUrl: undefined,
      metricIntervalMs: 60_000,
    });
  });

  it('derives the OTLP/HTTP signal URLs from OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    const config = telemetryConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' });
    expect(config.tracesUrl).toBe('http://collector:4318/v1/traces');
    expect(config.metricsUrl).toBe('http://collector:4318/v1/metrics');
  });

  it('lets a per-signal endpoint win', () => {
    const config = telemetryConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/v1/traces',
    });
    expect(config.tracesUrl).toBe('https://traces.example/v1/traces');
  });

  it('exports nothing under tests even with an endpoint', () => {
    const config = telemetryConfig({
      NODE_ENV: 'test',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
    });
    expect(config.tracesUrl).toBeUndefined();
    expect(config.metricsUrl).toBeUndefined();
  });

  it('is disabled by OTEL_SDK_DISABLED=true', () => {
    expect(telemetryConfig({ OTEL_SDK_DISABLED: 'true' }).disabled).toBe(true);
  });

  it('names the variable that is invalid', () => {
    expect(() => telemetryConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      ConfigError,
    );
    expect(() => telemetryConfig({ OTEL_SDK_DISABLED: 'yes' })).toThrow(/OTEL_SDK_DISABLED/);
  });
});
