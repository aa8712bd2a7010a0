import { contextFromTraceparent } from '@ejournal/telemetry';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { recordedMark } from '../testing/sample-events';
import { toOutboundMessage } from './event-message';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('toOutboundMessage', () => {
  it('keys by stream, carries the event as JSON and its envelope ids as headers', () => {
    const event = { ...recordedMark('journal-7b', 3), causationId: 'cause-1' };
    const message = toOutboundMessage(event, contextFromTraceparent(TRACEPARENT));
    expect(message.key).toBe('journal-7b');
    expect(JSON.parse(String(message.value))).toEqual(event);
    expect(message.headers).toEqual({
      eventId: event.eventId,
      type: 'MarkRecorded',
      schemaVersion: '2',
      streamId: 'journal-7b',
      streamVersion: '3',
      globalPosition: '3',
      recordedAt: '2026-10-12T06:45:00.123Z',
      correlationId: 'test-3',
      causationId: 'cause-1',
      traceparent: TRACEPARENT,
    });
  });

  it('leaves out headers that have no value', () => {
    const message = toOutboundMessage(recordedMark('journal-7b', 1), ROOT_CONTEXT);
    expect(message.headers).not.toHaveProperty('causationId');
    expect(message.headers).not.toHaveProperty('traceparent');
  });
});
