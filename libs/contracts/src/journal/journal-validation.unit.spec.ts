import type { NewEvent } from '../envelope/event-envelope';
import { ContractValidationError, UnknownEventTypeError } from '../registry/contract-errors';
import { SAMPLE_DATA, sampleNewEvent } from '../test-support/sample-events';
import { journalRegistry } from './journal-registry';

const sample = (key: string): object => SAMPLE_DATA[key] ?? {};
const mark = (data: object = {}, schemaVersion = 2) =>
  sampleNewEvent('MarkRecorded', schemaVersion, {
    ...sample(`MarkRecorded.v${schemaVersion}`),
    ...data,
  });

function fieldOfError(event: NewEvent): string {
  try {
    journalRegistry.validate(event);
  } catch (error) {
    expect(error).toBeInstanceOf(ContractValidationError);
    expect(error).toHaveProperty('code', 'CONTRACTS.VALIDATION_FAILED');
    return (error as ContractValidationError).field;
  }
  throw new Error('expected a ContractValidationError');
}

describe('journalRegistry.validate names the first bad field', () => {
  it.each<[string, NewEvent, string]>([
    ['a mark of 6', mark({ value: '6' }), 'data.value'],
    ['a v1 mark of pass', mark({ value: 'pass' }, 1), 'data.value'],
    ['a weight of 0', mark({ weight: 0 }), 'data.weight'],
    ['a weight over 10', mark({ weight: 10.5 }), 'data.weight'],
    ['a name in the data', mark({ pupilName: 'Иванов Иван' }), 'data.pupilName'],
    ['a name in place of an id', mark({ pupilId: 'Иванов Иван' }), 'data.pupilId'],
    [
      'a UUIDv4 event id',
      { ...mark(), eventId: '9b2e4f4e-3f9a-4d55-8f3c-0b1f6f0e2a11' },
      'eventId',
    ],
    ['an instant without zone', { ...mark(), occurredAt: '2026-09-01T09:15:00' }, 'occurredAt'],
    [
      'a missing region',
      { ...mark(), tenant: { schoolId: 'school-17' } as NewEvent['tenant'] },
      'tenant.regionId',
    ],
    [
      'an actor without a role',
      { ...mark(), actor: { userId: 'u-1', onBehalfOf: null } as NewEvent['actor'] },
      'actor.role',
    ],
    ['a broken traceparent', { ...mark(), traceparent: 'trace-me' }, 'traceparent'],
    [
      'a slot of 13',
      sampleNewEvent('LessonHeld', 1, { ...sample('LessonHeld.v1'), slot: 13 }),
      'data.slot',
    ],
    [
      'the 30th of February',
      sampleNewEvent('LessonHeld', 1, { ...sample('LessonHeld.v1'), date: '2027-02-30' }),
      'data.date',
    ],
    [
      'homework without a due date',
      sampleNewEvent('LessonHeld', 1, { ...sample('LessonHeld.v1'), homework: { text: '№ 1' } }),
      'data.homework.dueDate',
    ],
    [
      'a topic over 500 characters',
      sampleNewEvent('LessonHeld', 1, { ...sample('LessonHeld.v1'), topic: 'т'.repeat(501) }),
      'data.topic',
    ],
    [
      'a NUL in a reason',
      sampleNewEvent('MarkCorrected', 1, { ...sample('MarkCorrected.v1'), reason: 'a\u0000b' }),
      'data.reason',
    ],
    [
      'years that do not follow each other',
      sampleNewEvent('JournalOpened', 1, {
        ...sample('JournalOpened.v1'),
        academicYear: '2026/2028',
      }),
      'data.academicYear',
    ],
    [
      'an unknown attendance status',
      sampleNewEvent('AttendanceRecorded', 1, {
        ...sample('AttendanceRecorded.v1'),
        status: 'truant',
      }),
      'data.status',
    ],
  ])('%s → %s', (_case, event, field) => {
    expect(fieldOfError(event)).toBe(field);
  });

  it('does not echo the rejected value, which may be personal data', () => {
    expect(() => journalRegistry.validate(mark({ pupilId: 'Иванов Иван' }))).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('Иванов') }),
    );
  });

  it('throws UnknownEventTypeError for a type nobody registered', () => {
    const event = sampleNewEvent('MarkErased', 1, {});
    expect(() => journalRegistry.validate(event)).toThrow(UnknownEventTypeError);
    expect(() => journalRegistry.validate(event)).toThrow(
      expect.objectContaining({ code: 'CONTRACTS.UNKNOWN_EVENT_TYPE', eventType: 'MarkErased' }),
    );
  });
});
