import type { RecordedEvent } from '@ejournal/contracts';
import { contextFromHeaders } from '@ejournal/telemetry';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { errorMessageOf } from '../errors';
import type { InboundMessage } from '../port/message-bus.port';
import { decodeEvent, type Upcast } from './decode-event';
import { pause, spanAttributes, type PartitionHold } from './process-message';
import { retryDelay, type RetryPolicy } from './retry-policy';
import { isTransient } from './transient';

/**
 * Applies a run of events (a partition's, in order) all or nothing: one database transaction
 * for the lot. Idempotent by (streamId, streamVersion) like a single-event handler, so a run
 * redelivered after a crash changes only what it had not applied.
 */
export type RunHandler = (events: RecordedEvent[]) => Promise<void>;

/** `one-by-one`: the run is not to blame as a whole; process its messages singly. */
export type RunOutcome = 'handled' | 'one-by-one' | 'interrupted';

export interface RunDeps {
  groupId: string;
  handleRun: RunHandler;
  upcast?: Upcast;
  retry: RetryPolicy;
  signal: AbortSignal;
}

const tracer = trace.getTracer('@ejournal/messaging');

/**
 * Hands a run of messages to `handleRun` in one call, each message in a consumer span of its
 * own (the child of its publish span, as one at a time). A failure of the infrastructure is
 * retried until it answers or the consumer stops, as for one message. Any other failure, or a
 * message that is not an event, is not charged to the run: `one-by-one` tells the caller to
 * process the messages singly, where retries and dead-lettering stay per message.
 */
export async function processRun(
  messages: InboundMessage[],
  deps: RunDeps,
  hold?: PartitionHold,
): Promise<RunOutcome> {
  if (messages.length === 0) return 'handled';
  let events: RecordedEvent[];
  try {
    events = messages.map((message) => decodeEvent(message, deps.upcast));
  } catch {
    return 'one-by-one';
  }
  const spans = messages.map((message) =>
    tracer.startSpan(
      `process ${message.topic}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          ...spanAttributes(message, deps.groupId),
          'messaging.batch.message_count': messages.length,
        },
      },
      contextFromHeaders(message.headers),
    ),
  );
  const active = trace.setSpan(context.active(), spans[0] as NonNullable<(typeof spans)[0]>);
  try {
    for (let outages = 1; ; outages += 1) {
      try {
        await context.with(active, () => deps.handleRun(events));
        return 'handled';
      } catch (error) {
        if (!isTransient(error)) {
          for (const span of spans) {
            span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessageOf(error) });
            span.addEvent('run failed; processing its messages one by one');
          }
          return 'one-by-one';
        }
        for (const span of spans) span.addEvent('infrastructure unavailable; retrying');
        if (!(await pause(retryDelay(deps.retry, Math.min(outages, 8)), deps.signal, hold))) {
          return 'interrupted';
        }
      }
    }
  } finally {
    for (const span of spans) span.end();
  }
}

/** The messages in runs of at most `size`, in order. */
export function runsOf<T>(messages: T[], size: number): T[][] {
  const runs: T[][] = [];
  for (let at = 0; at < messages.length; at += size) runs.push(messages.slice(at, at + size));
  return runs;
}
