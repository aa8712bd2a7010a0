import type { RecordedEvent } from '@ejournal/contracts';
import type { GlobalPage } from '@ejournal/event-store';
import { contextFromTraceparent } from '@ejournal/telemetry';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { errorMessageOf } from '../errors';
import type { Publisher } from '../port/message-bus.port';
import { toOutboundMessage } from './event-message';
import type { RelayMetrics } from './relay-metrics';

const tracer = trace.getTracer('@ejournal/messaging');

/**
 * Publishes one page of the global order in one request (or a few, split by size) and
 * resolves after the broker acknowledged all of it. Each event gets a producer span, the
 * child of the traceparent it was recorded with; that span's context goes into the headers.
 */
export async function publishPage(
  page: GlobalPage,
  topic: string,
  publisher: Publisher,
  metrics: RelayMetrics,
): Promise<void> {
  const events = page.entries.map((entry) => entry.event);
  const spans: Span[] = [];
  const messages = events.map((event) => {
    const span = publishSpan(topic, event, events.length);
    spans.push(span);
    return toOutboundMessage(event, trace.setSpan(ROOT_CONTEXT, span));
  });
  try {
    await publisher.publish(topic, messages);
  } catch (error) {
    for (const span of spans) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessageOf(error) });
      span.end();
    }
    throw error;
  }
  const ackedAt = Date.now();
  for (const span of spans) span.end(ackedAt);
  metrics.acknowledged(events, ackedAt);
}

function publishSpan(topic: string, event: RecordedEvent, batchSize: number): Span {
  return tracer.startSpan(
    `publish ${topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.destination.name': topic,
        'messaging.kafka.message.key': event.streamId,
        'messaging.message.id': event.eventId,
        'messaging.batch.message_count': batchSize,
      },
    },
    contextFromTraceparent(event.traceparent),
  );
}
