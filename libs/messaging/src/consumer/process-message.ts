import type { RecordedEvent } from '@ejournal/contracts';
import { contextFromHeaders } from '@ejournal/telemetry';
import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { errorMessageOf } from '../errors';
import type { InboundMessage } from '../port/message-bus.port';
import { decodeEvent, type Upcast } from './decode-event';
import { RetryInterruptedError, withRetries, type RetryPolicy } from './retry-policy';

export type EventHandler = (
  event: RecordedEvent,
  context: { message: InboundMessage; attempt: number },
) => Promise<void>;

export interface ProcessDeps {
  groupId: string;
  handle: EventHandler;
  upcast?: Upcast;
  retry: RetryPolicy;
  signal: AbortSignal;
  /** Parks the message and runs the dead-letter hook; resolves false if interrupted. */
  deadLetter(
    message: InboundMessage,
    event: RecordedEvent | null,
    error: unknown,
    attempts: number,
  ): Promise<boolean>;
}

/** `interrupted`: stopping cut the retries short; the message is neither done nor parked. */
export type Outcome = 'handled' | 'dead-lettered' | 'interrupted';

const tracer = trace.getTracer('@ejournal/messaging');

/**
 * Runs the handler in a consumer span (the child of the publish span named in the headers),
 * retrying with backoff; after the last attempt, or at once for a message that is not an
 * event, the message is dead-lettered. Never throws: a poison message must not stop the
 * partition.
 */
export async function processMessage(message: InboundMessage, deps: ProcessDeps): Promise<Outcome> {
  const span = tracer.startSpan(
    `process ${message.topic}`,
    { kind: SpanKind.CONSUMER, attributes: spanAttributes(message, deps.groupId) },
    contextFromHeaders(message.headers),
  );
  try {
    return await context.with(trace.setSpan(context.active(), span), () =>
      run(message, deps, span),
    );
  } finally {
    span.end();
  }
}

async function run(message: InboundMessage, deps: ProcessDeps, span: Span): Promise<Outcome> {
  let event: RecordedEvent;
  try {
    event = decodeEvent(message, deps.upcast);
  } catch (error) {
    return parked(await deps.deadLetter(message, null, error, 1), span, error);
  }
  let attempts = 0;
  try {
    await withRetries(
      (attempt) => {
        attempts = attempt;
        return deps.handle(event, { message, attempt });
      },
      deps.retry,
      deps.retry.attempts,
      deps.signal,
    );
    span.setAttribute('messaging.ejournal.attempts', attempts);
    return 'handled';
  } catch (error) {
    span.setAttribute('messaging.ejournal.attempts', attempts);
    if (error instanceof RetryInterruptedError) return 'interrupted';
    return parked(await deps.deadLetter(message, event, error, attempts), span, error);
  }
}

function parked(done: boolean, span: Span, error: unknown): Outcome {
  span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessageOf(error) });
  span.addEvent(done ? 'dead-lettered' : 'interrupted');
  return done ? 'dead-lettered' : 'interrupted';
}

function spanAttributes(message: InboundMessage, groupId: string) {
  return {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'messaging.destination.name': message.topic,
    'messaging.destination.partition.id': String(message.partition),
    'messaging.consumer.group.name': groupId,
    'messaging.kafka.offset': Number(message.offset),
    ...(message.key ? { 'messaging.kafka.message.key': message.key } : {}),
    ...(message.headers['eventId'] ? { 'messaging.message.id': message.headers['eventId'] } : {}),
  };
}
