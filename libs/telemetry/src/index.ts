export { startTelemetry, type Telemetry, type TelemetryOptions } from './start-telemetry';
export { telemetryConfig, type TelemetryConfig } from './telemetry-config';
export {
  contextFromHeaders,
  contextFromTraceparent,
  injectTraceHeaders,
  traceparentOf,
  withTraceparent,
} from './trace-context';
