import { metrics } from '@opentelemetry/api';
import type { InboundMessage, PartitionBatch } from '../port/message-bus.port';
import type { Outcome } from './process-message';

const LAG_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 60_000];

/**
 * Consumer lag two ways: milliseconds from `recordedAt` to the end of processing, per event;
 * and messages still ahead in the partition after each batch (high watermark - next offset).
 */
export function consumerMetrics(groupId: string) {
  const meter = metrics.getMeter('@ejournal/messaging');
  const lag = meter.createHistogram('ejournal.consumer.lag', {
    unit: 'ms',
    description: 'Time from an event being recorded to a consumer having processed it',
    advice: { explicitBucketBoundaries: LAG_BUCKETS_MS },
  });
  const offsetLag = meter.createGauge('ejournal.consumer.offset_lag', {
    unit: '{message}',
    description: 'Messages of a partition not yet processed by the group',
  });
  const outcomes = meter.createCounter('ejournal.consumer.messages', {
    unit: '{message}',
    description: 'Messages processed, by outcome (handled, dead-lettered)',
  });
  return {
    processed(message: InboundMessage, outcome: Outcome) {
      const attributes = {
        'messaging.destination.name': message.topic,
        'messaging.consumer.group.name': groupId,
      };
      outcomes.add(1, { ...attributes, outcome });
      const recordedAt = Date.parse(message.headers['recordedAt'] ?? '');
      if (outcome === 'handled' && !Number.isNaN(recordedAt)) {
        lag.record(Date.now() - recordedAt, attributes);
      }
    },
    committed(batch: PartitionBatch, offset: string) {
      offsetLag.record(Math.max(0, Number(BigInt(batch.highWatermark) - BigInt(offset) - 1n)), {
        'messaging.destination.name': batch.topic,
        'messaging.destination.partition.id': String(batch.partition),
        'messaging.consumer.group.name': groupId,
      });
    },
  };
}

export type ConsumerMetrics = ReturnType<typeof consumerMetrics>;
