import type { RecordedEvent } from '@ejournal/contracts';
import { contextFromHeaders } from '@ejournal/telemetry';
import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { errorMessageOf } from '../errors';
import type { InboundMessage } from '../port/message-bus.port';
import { decodeEvent, type Upcast } from './decode-event';
import { retryDelay, type RetryPolicy } from './retry-policy';
import { isTransient } from './transient';
import { setTimeout as sleep } from 'node:timers/promises';

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

/** The batch's hold on its partition, kept alive while the infrastructure is away. */
export interface PartitionHold {
  heartbeat(): Promise<void>;
  isStale(): boolean;
}

const tracer = trace.getTracer('@ejournal/messaging');

/**
 * Runs the handler in a consumer span (the child of the publish span named in the headers),
 * retrying with backoff; after the last attempt, or at once for a message that is not an
 * event, the message is dead-lettered: a poison message must not stop the partition. A
 * failure of the infrastructure (`isTransient`: a database or broker away) is not the
 * message's: it is retried until the infrastructure answers or the consumer stops, counts no
 * attempt, and keeps the partition's membership alive through `hold`. Throws only what the
 * heartbeat raises about the group (a rebalance), for the client to rejoin.
 */
export async function processMessage(
  message: InboundMessage,
  deps: ProcessDeps,
  hold?: PartitionHold,
): Promise<Outcome> {
  const span = tracer.startSpan(
    `process ${message.topic}`,
    { kind: SpanKind.CONSUMER, attributes: spanAttributes(message, deps.groupId) },
    contextFromHeaders(message.headers),
  );
  try {
    return await context.with(trace.setSpan(context.active(), span), () =>
      run(message, deps, span, hold),
    );
  } finally {
    span.end();
  }
}

async function run(
  message: InboundMessage,
  deps: ProcessDeps,
  span: Span,
  hold: PartitionHold | undefined,
): Promise<Outcome> {
  let event: RecordedEvent;
  try {
    event = decodeEvent(message, deps.upcast);
  } catch (error) {
    return parked(await deps.deadLetter(message, null, error, 1), span, error);
  }
  let attempts = 0;
  let outages = 0;
  for (let call = 1; ; call += 1) {
    try {
      await deps.handle(event, { message, attempt: call });
      span.setAttribute('messaging.ejournal.attempts', attempts + 1);
      return 'handled';
    } catch (error) {
      let wait: number;
      if (isTransient(error)) {
        outages += 1;
        span.addEvent('infrastructure unavailable; retrying', { error: errorMessageOf(error) });
        wait = retryDelay(deps.retry, Math.min(outages, 8));
      } else {
        attempts += 1;
        if (attempts >= deps.retry.attempts) {
          span.setAttribute('messaging.ejournal.attempts', attempts);
          return parked(await deps.deadLetter(message, event, error, attempts), span, error);
        }
        wait = retryDelay(deps.retry, attempts);
      }
      if (!(await pause(wait, deps.signal, hold))) {
        span.setAttribute('messaging.ejournal.attempts', attempts);
        return 'interrupted';
      }
    }
  }
}

/**
 * Waits before a retry, beating the group's heartbeat so a long outage of a database does not
 * cost the partition. False when the consumer is stopping or the partition went elsewhere.
 */
export async function pause(ms: number, signal: AbortSignal, hold: PartitionHold | undefined) {
  if (signal.aborted) return false;
  await sleep(ms, undefined, { signal }).catch(() => undefined);
  if (signal.aborted || hold?.isStale()) return false;
  try {
    await hold?.heartbeat();
  } catch (error) {
    // The broker being away is the outage itself; anything it says about the group is not.
    if ((error as { type?: unknown }).type !== undefined) throw error;
  }
  return !hold?.isStale();
}

function parked(done: boolean, span: Span, error: unknown): Outcome {
  span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessageOf(error) });
  span.addEvent(done ? 'dead-lettered' : 'interrupted');
  return done ? 'dead-lettered' : 'interrupted';
}

export function spanAttributes(message: InboundMessage, groupId: string) {
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
