import type { RecordedEvent } from '@ejournal/contracts';
import { UndecodableMessageError } from '../errors';
import type { InboundMessage } from '../port/message-bus.port';

export type Upcast = <E extends RecordedEvent>(event: E) => E;

/**
 * The recorded event in a message's value, upcast to the version this consumer reads.
 * Only the fields routing needs are checked: the data was validated when it was appended.
 */
export function decodeEvent(message: InboundMessage, upcast?: Upcast): RecordedEvent {
  if (!message.value) throw new UndecodableMessageError('the value is empty');
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.value.toString('utf8'));
  } catch {
    throw new UndecodableMessageError('the value is not JSON');
  }
  const event = parsed as Partial<RecordedEvent> | null;
  if (
    typeof event?.eventId !== 'string' ||
    typeof event.type !== 'string' ||
    typeof event.streamId !== 'string' ||
    !Number.isInteger(event.streamVersion) ||
    !Number.isInteger(event.schemaVersion) ||
    typeof event.recordedAt !== 'string'
  ) {
    throw new UndecodableMessageError('the envelope lacks its ids, type or versions');
  }
  const recorded = event as RecordedEvent;
  return upcast ? upcast(recorded) : recorded;
}
