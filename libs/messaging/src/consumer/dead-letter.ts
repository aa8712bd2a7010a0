import type { RecordedEvent } from '@ejournal/contracts';
import { errorCodeOf, errorMessageOf } from '../errors';
import type { InboundMessage, OutboundMessage } from '../port/message-bus.port';

/** A message a consumer group gave up on, as the dead-letter hook is told about it. */
export interface DeadLetter {
  groupId: string;
  topic: string;
  partition: number;
  offset: string;
  /** The stream the event belongs to (the message key): what a read model quarantines. */
  streamId: string | null;
  /** Null when the message could not be decoded. */
  event: RecordedEvent | null;
  errorCode: string;
  errorMessage: string;
  attempts: number;
}

/** Headers added to the original ones; the value and key are kept as they were. */
export const DEAD_LETTER_HEADERS = {
  errorCode: 'dlq.error.code',
  errorMessage: 'dlq.error.message',
  topic: 'dlq.original.topic',
  partition: 'dlq.original.partition',
  offset: 'dlq.original.offset',
  attempts: 'dlq.attempts',
  groupId: 'dlq.consumer.group',
  failedAt: 'dlq.failed.at',
} as const;

const MAX_ERROR_MESSAGE = 2000;

export function deadLetterOf(
  groupId: string,
  message: InboundMessage,
  event: RecordedEvent | null,
  error: unknown,
  attempts: number,
): DeadLetter {
  return {
    groupId,
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    streamId: event?.streamId ?? message.key ?? message.headers['streamId'] ?? null,
    event,
    errorCode: errorCodeOf(error),
    errorMessage: errorMessageOf(error).slice(0, MAX_ERROR_MESSAGE),
    attempts,
  };
}

export function deadLetterMessage(
  message: InboundMessage,
  letter: DeadLetter,
  failedAt: Date,
): OutboundMessage {
  const names = DEAD_LETTER_HEADERS;
  return {
    key: message.key ?? letter.streamId ?? '',
    value: message.value ?? '',
    headers: {
      ...message.headers,
      [names.errorCode]: letter.errorCode,
      [names.errorMessage]: letter.errorMessage,
      [names.topic]: letter.topic,
      [names.partition]: String(letter.partition),
      [names.offset]: letter.offset,
      [names.attempts]: String(letter.attempts),
      [names.groupId]: letter.groupId,
      [names.failedAt]: failedAt.toISOString(),
    },
  };
}
