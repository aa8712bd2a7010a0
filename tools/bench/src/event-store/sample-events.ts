import { newEventId, type NewEvent } from '@ejournal/contracts';

const tenant = { regionId: 'crimea', schoolId: 'school-0042' };
const actor = { userId: 'teacher-0007', role: 'teacher', onBehalfOf: null };

/** A realistic mark: the most frequent event of a school day. */
export function markRecorded(sequence: number): NewEvent {
  return {
    eventId: newEventId(),
    type: 'MarkRecorded',
    schemaVersion: 2,
    occurredAt: '2026-10-12T09:45:00+03:00',
    tenant,
    actor,
    correlationId: `bench-${sequence}`,
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

export const markBatch = (first: number, size: number) =>
  Array.from({ length: size }, (_, index) => markRecorded(first + index));
