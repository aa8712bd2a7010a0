import {
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  type Context,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

// Used directly rather than through the global propagator, so a traceparent stored with an
// event is read and written the same way whether or not this process exports telemetry.
const w3c = new W3CTraceContextPropagator();

/** The W3C `traceparent` of the span active in `ctx`; null when there is no valid span. */
export function traceparentOf(ctx: Context = context.active()): string | null {
  const carrier: Record<string, string> = {};
  w3c.inject(ctx, carrier, defaultTextMapSetter);
  return carrier['traceparent'] ?? null;
}

/** A context whose remote parent is `traceparent`; `parent` itself when it is absent. */
export function contextFromTraceparent(
  traceparent: string | null | undefined,
  parent: Context = ROOT_CONTEXT,
): Context {
  if (!traceparent) return parent;
  return w3c.extract(parent, { traceparent }, defaultTextMapGetter);
}

/**
 * Stamps an event about to be appended with the active trace (an HTTP request's span, or a
 * consumer's), so the relay and every consumer continue that trace. An event already
 * carrying a traceparent keeps it when no span is active.
 */
export function withTraceparent<E extends { traceparent: string | null }>(
  event: E,
  ctx: Context = context.active(),
): E {
  const traceparent = traceparentOf(ctx);
  return traceparent ? { ...event, traceparent } : event;
}

/** Writes `traceparent` (and `tracestate`) of `ctx` into message headers. */
export function injectTraceHeaders(
  headers: Record<string, string>,
  ctx: Context = context.active(),
): Record<string, string> {
  w3c.inject(ctx, headers, defaultTextMapSetter);
  return headers;
}

/** The remote parent carried by message or HTTP headers; the root context when there is none. */
export function contextFromHeaders(
  headers: Record<string, string | string[] | undefined>,
): Context {
  return w3c.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
}
