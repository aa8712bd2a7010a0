import { metrics } from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  METRIC_HTTP_SERVER_REQUEST_DURATION,
} from '@opentelemetry/semantic-conventions';

// The semantic conventions' advice for http.server.request.duration, in seconds.
const BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/**
 * Request latency as OpenTelemetry's HTTP semantic conventions name it
 * (`http.server.request.duration`, seconds), by method, route template and status code: what
 * the dashboards and alerts of deploy/observability read.
 */
export function requestDurations() {
  const duration = metrics
    .getMeter('@ejournal/http')
    .createHistogram(METRIC_HTTP_SERVER_REQUEST_DURATION, {
      unit: 's',
      description: 'Duration of HTTP server requests',
      advice: { explicitBucketBoundaries: BUCKETS_S },
    });
  return {
    record(seconds: number, method: string, route: string | undefined, status: number) {
      duration.record(seconds, {
        [ATTR_HTTP_REQUEST_METHOD]: method,
        [ATTR_HTTP_RESPONSE_STATUS_CODE]: status,
        ...(route ? { [ATTR_HTTP_ROUTE]: route } : {}),
      });
    },
  };
}
