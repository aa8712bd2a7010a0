import { newEventId, type NewEvent } from '@ejournal/contracts';
import { randomBytes } from 'node:crypto';

const TENANT = { regionId: 'region-91', schoolId: 'school-17' };
const TEACHER = { userId: 'teacher-3', role: 'teacher', onBehalfOf: null };

function envelope<T extends string>(type: T, schemaVersion: number, data: unknown): NewEvent<T> {
  return {
    eventId: newEventId(),
    type,
    schemaVersion,
    occurredAt: '2026-09-01T08:30:00+03:00',
    tenant: TENANT,
    actor: TEACHER,
    correlationId: `corr-${randomBytes(4).toString('hex')}`,
    causationId: null,
    traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
    data,
  };
}

let lessonCounter = 0;

/** A valid `LessonHeld` v1 (journal registry) with a unique lesson id. */
export function lessonHeld(topic = 'Fractions'): NewEvent {
  lessonCounter += 1;
  return envelope('LessonHeld', 1, {
    lessonId: `lesson-${lessonCounter}-${randomBytes(3).toString('hex')}`,
    date: '2026-09-01',
    slot: 2,
    topic,
    homework: { text: 'Exercises 1-5', dueDate: '2026-09-03' },
  });
}

export function lessons(count: number): NewEvent[] {
  return Array.from({ length: count }, (_unused, index) => lessonHeld(`Topic ${index + 1}`));
}

/** A `MarkRecorded` in its first version, which reads back upcast to the current one. */
export function markRecordedV1(): NewEvent {
  return envelope('MarkRecorded', 1, {
    markId: `mark-${randomBytes(4).toString('hex')}`,
    lessonId: 'lesson-1',
    pupilId: 'pupil-8',
    value: '5',
  });
}

/** A unique stream id; a unique category too when asked, to isolate category reads. */
export function streamId(category = 'journal'): string {
  return `${category}-${newEventId()}`;
}

export function uniqueCategory(): string {
  return `test${randomBytes(5).toString('hex')}`;
}

/** Polls until `check` stops throwing, or fails with its last error. */
export async function eventually(check: () => Promise<void> | void, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
