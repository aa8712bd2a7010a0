import type { RecordedEvent } from '@ejournal/contracts';
import type { GlobalCheckpoint } from '@ejournal/event-store';
import { metrics, type Attributes } from '@opentelemetry/api';
import type { RelayLease } from './relay-lease.port';

const BEHIND_CAP = 1_000_000;
const LAG_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 60_000];

/**
 * Relay lag: per event, the milliseconds from `recordedAt` to the broker's acknowledgement;
 * and a gauge of the events recorded but not yet published (counted when metrics are
 * collected, capped). The gauge reports only while this replica holds the lease.
 */
export function relayMetrics(topic: string, lease: RelayLease) {
  const meter = metrics.getMeter('@ejournal/messaging');
  const attributes: Attributes = { 'messaging.destination.name': topic };
  const lag = meter.createHistogram('ejournal.relay.lag', {
    unit: 'ms',
    description: 'Time from an event being recorded to Kafka acknowledging its publication',
    advice: { explicitBucketBoundaries: LAG_BUCKETS_MS },
  });
  const published = meter.createCounter('ejournal.relay.published', {
    unit: '{event}',
    description: 'Events the relay published and Kafka acknowledged',
  });
  let checkpoint: GlobalCheckpoint | null = null;
  const behind = meter.createObservableGauge('ejournal.relay.events_behind', {
    unit: '{event}',
    description: 'Events recorded in the store and not yet published',
  });
  behind.addCallback(async (result) => {
    if (!checkpoint || !lease.held) return;
    result.observe(await lease.countBehind(checkpoint, BEHIND_CAP), attributes);
  });

  return {
    acknowledged(events: RecordedEvent[], ackedAt: number) {
      for (const event of events) lag.record(ackedAt - Date.parse(event.recordedAt), attributes);
      published.add(events.length, attributes);
    },
    checkpointed(next: GlobalCheckpoint) {
      checkpoint = next;
    },
  };
}

export type RelayMetrics = ReturnType<typeof relayMetrics>;
