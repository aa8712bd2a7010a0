import type { RecordedEvent } from '@ejournal/contracts';
import { injectTraceHeaders } from '@ejournal/telemetry';
import type { Context } from '@opentelemetry/api';
import type { MessageHeaders, OutboundMessage } from '../port/message-bus.port';

/** Envelope fields copied into headers, so routers and tools need not parse the value. */
export const ENVELOPE_HEADERS = [
  'eventId',
  'type',
  'schemaVersion',
  'streamId',
  'streamVersion',
  'globalPosition',
  'recordedAt',
  'correlationId',
  'causationId',
] as const;

/**
 * The Kafka record of a recorded event: key = stream id (one stream, one partition, in
 * order), value = the event's JSON as the store returned it (envelope and data, in the
 * schema version it was written in), headers = the envelope ids and the trace context of
 * `trace` (the relay's publish span, a child of the traceparent stored with the event).
 */
export function toOutboundMessage(event: RecordedEvent, trace: Context): OutboundMessage {
  const headers: MessageHeaders = {};
  for (const name of ENVELOPE_HEADERS) {
    const value = event[name];
    if (value !== null) headers[name] = String(value);
  }
  injectTraceHeaders(headers, trace);
  return { key: event.streamId, value: JSON.stringify(event), headers };
}
