import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import {
  contextFromHeaders,
  contextFromTraceparent,
  injectTraceHeaders,
  traceparentOf,
  withTraceparent,
} from './trace-context';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('trace context', () => {
  it('has no traceparent without a span', () => {
    expect(traceparentOf(ROOT_CONTEXT)).toBeNull();
  });

  it('reads back the traceparent it was given', () => {
    const ctx = contextFromTraceparent(TRACEPARENT);
    expect(trace.getSpanContext(ctx)).toMatchObject({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      isRemote: true,
    });
    expect(traceparentOf(ctx)).toBe(TRACEPARENT);
  });

  it('ignores a malformed traceparent', () => {
    expect(traceparentOf(contextFromTraceparent('00-nonsense'))).toBeNull();
    expect(contextFromTraceparent(null)).toBe(ROOT_CONTEXT);
  });

  it('stamps an event with the active trace, or leaves it as it was', () => {
    const event = { eventId: 'e1', traceparent: null };
    expect(withTraceparent(event, contextFromTraceparent(TRACEPARENT))).toEqual({
      eventId: 'e1',
      traceparent: TRACEPARENT,
    });
    const stamped = { eventId: 'e2', traceparent: TRACEPARENT };
    expect(withTraceparent(stamped, ROOT_CONTEXT)).toBe(stamped);
  });

  it('round-trips through message headers next to other headers', () => {
    const headers = injectTraceHeaders({ eventId: 'e1' }, contextFromTraceparent(TRACEPARENT));
    expect(headers).toEqual({ eventId: 'e1', traceparent: TRACEPARENT });
    expect(traceparentOf(contextFromHeaders(headers))).toBe(TRACEPARENT);
    expect(traceparentOf(contextFromHeaders({}))).toBeNull();
  });
});
