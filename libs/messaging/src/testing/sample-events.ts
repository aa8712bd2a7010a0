import { newEventId, type NewEvent, type RecordedEvent } from '@ejournal/contracts';
import type { EventStore } from '@ejournal/event-store';

/** A mark in one of two schools: two read model documents, each fed by several streams. */
export function markRecorded(sequence: number, schoolId: string): NewEvent {
  return {
    eventId: newEventId(),
    type: 'MarkRecorded',
    schemaVersion: 2,
    occurredAt: '2026-10-12T09:45:00+03:00',
    tenant: { regionId: 'crimea', schoolId },
    actor: { userId: 'teacher-0007', role: 'teacher', onBehalfOf: null },
    correlationId: `test-${sequence}`,
    causationId: null,
    traceparent: null,
    data: {
      markId: `mark-${sequence}`,
      lessonId: `lesson-${sequence % 170}`,
      pupilId: `pupil-${sequence % 30}`,
      value: String((sequence % 5) + 1),
      workType: 'classwork',
      weight: 1,
    },
  };
}

export const schoolOf = (stream: number) => `school-${stream % 2}`;

/**
 * Appends marks to each of `streams` journal streams (`journal-<prefix><n>`), versions
 * `from + 1` to `from + perStream`, a few events per append, interleaving the streams so the
 * global order mixes them. Returns the stream ids.
 */
export async function appendMarks(
  store: Pick<EventStore, 'append'>,
  prefix: string,
  streams: number,
  perStream: number,
  from = 0,
): Promise<string[]> {
  const eventsPerAppend = 5;
  const ids = Array.from({ length: streams }, (_, stream) => `journal-${prefix}${stream}`);
  for (let version = from; version < from + perStream; version += eventsPerAppend) {
    const size = Math.min(eventsPerAppend, from + perStream - version);
    await Promise.all(
      ids.map((streamId, stream) =>
        store.append(
          streamId,
          version,
          Array.from({ length: size }, (_, i) => markRecorded(version + i, schoolOf(stream))),
        ),
      ),
    );
  }
  return ids;
}

/** A recorded event as the relay reads it, for unit tests. */
export function recordedMark(streamId: string, streamVersion: number): RecordedEvent {
  return {
    ...markRecorded(streamVersion, 'school-0'),
    streamId,
    streamVersion,
    globalPosition: String(streamVersion),
    recordedAt: '2026-10-12T06:45:00.123Z',
    prevHash: null,
    hash: null,
  };
}
