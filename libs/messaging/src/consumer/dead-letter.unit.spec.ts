import { UndecodableMessageError } from '../errors';
import type { InboundMessage } from '../port/message-bus.port';
import { recordedMark } from '../testing/sample-events';
import { deadLetterMessage, deadLetterOf } from './dead-letter';

const message: InboundMessage = {
  topic: 'ejournal.journal.events.v1',
  partition: 4,
  offset: '1207',
  key: 'journal-7b',
  value: Buffer.from('{}'),
  headers: { eventId: 'e1', streamId: 'journal-7b' },
};

describe('dead letters', () => {
  it('keeps key, value and headers, and adds the error and where the message was', () => {
    const letter = deadLetterOf('diary', message, null, new Error('boom'), 5);
    const parked = deadLetterMessage(message, letter, new Date('2026-10-12T06:45:00Z'));
    expect(parked.key).toBe('journal-7b');
    expect(parked.value).toBe(message.value);
    expect(parked.headers).toEqual({
      eventId: 'e1',
      streamId: 'journal-7b',
      'dlq.error.code': 'MESSAGING.HANDLER_FAILED',
      'dlq.error.message': 'boom',
      'dlq.original.topic': 'ejournal.journal.events.v1',
      'dlq.original.partition': '4',
      'dlq.original.offset': '1207',
      'dlq.attempts': '5',
      'dlq.consumer.group': 'diary',
      'dlq.failed.at': '2026-10-12T06:45:00.000Z',
    });
  });

  it('names the stream from the event, else the key, else the header', () => {
    const event = recordedMark('journal-from-event', 1);
    expect(deadLetterOf('g', message, event, new Error(), 1).streamId).toBe('journal-from-event');
    expect(deadLetterOf('g', { ...message, key: null }, null, new Error(), 1).streamId).toBe(
      'journal-7b',
    );
  });

  it('keeps a typed error code and bounds the message', () => {
    const letter = deadLetterOf(
      'g',
      message,
      null,
      new UndecodableMessageError('x'.repeat(5000)),
      1,
    );
    expect(letter.errorCode).toBe('MESSAGING.UNDECODABLE_MESSAGE');
    expect(letter.errorMessage).toHaveLength(2000);
  });
});
