import { sampleRecordedEvent } from '../test-support/sample-events';
import { ContractValidationError } from '../registry/contract-errors';
import { canonicalize } from './canonical-json';
import { HASHED_FIELDS, hashedBytes } from './hashed-fields';

const event = sampleRecordedEvent('MarkRecorded', 2, {
  markId: 'mark-1',
  lessonId: 'lesson-1',
  pupilId: 'pupil-42',
  value: '5',
  workType: 'classwork',
  weight: 1,
});

const changes: [string, (e: typeof event) => typeof event][] = [
  ['eventId', (e) => ({ ...e, eventId: '0190a6b8-5c1e-7a3b-9c1d-2e3f4a5b6c00' })],
  ['type', (e) => ({ ...e, type: 'MarkRecordedX' as 'MarkRecorded' })],
  ['schemaVersion', (e) => ({ ...e, schemaVersion: 3 })],
  ['streamId', (e) => ({ ...e, streamId: 'journal-other' })],
  ['streamVersion', (e) => ({ ...e, streamVersion: 4 })],
  ['occurredAt', (e) => ({ ...e, occurredAt: '2026-09-01T06:15:00.001Z' })],
  ['recordedAt', (e) => ({ ...e, recordedAt: '2026-09-01T06:15:00.251Z' })],
  ['tenant', (e) => ({ ...e, tenant: { ...e.tenant, schoolId: 'school-18' } })],
  ['actor', (e) => ({ ...e, actor: { ...e.actor, onBehalfOf: 'user-2' } })],
  ['correlationId', (e) => ({ ...e, correlationId: 'corr-2' })],
  ['causationId', (e) => ({ ...e, causationId: 'cause-1' })],
  ['data', (e) => ({ ...e, data: { ...e.data, weight: 1.5 } })],
];

describe('hashedBytes', () => {
  it('is the UTF-8 of the canonical JSON of exactly the hashed fields', () => {
    const bytes = hashedBytes(event);
    const parsed = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual([...HASHED_FIELDS].sort());
    expect(bytes.toString('utf8')).toBe(canonicalize(parsed));
    expect(parsed['recordedAt']).toBe(event.recordedAt);
  });

  // Stored hashes are checked against these bytes for 25 years: any change here breaks them.
  it('produces exactly these bytes for a known event', () => {
    expect(hashedBytes(event).toString('utf8')).toBe(
      '{"actor":{"onBehalfOf":null,"role":"teacher","userId":"user-teacher-5"},' +
        '"causationId":null,"correlationId":"0190a6b8-5c1e-7a3b-9c1d-2e3f4a5b6c80",' +
        '"data":{"lessonId":"lesson-1","markId":"mark-1","pupilId":"pupil-42","value":"5",' +
        '"weight":1,"workType":"classwork"},"eventId":"0190a6b8-5c1e-7a3b-9c1d-2e3f4a5b6c7f",' +
        '"occurredAt":"2026-09-01T06:15:00.000Z","recordedAt":"2026-09-01T06:15:00.250Z",' +
        '"schemaVersion":2,"streamId":"journal-0190a6b8-5c1e-7a3b-9c1d-2e3f4a5b6c7d",' +
        '"streamVersion":3,"tenant":{"regionId":"region-91","schoolId":"school-17"},' +
        '"type":"MarkRecorded"}',
    );
  });

  it('encodes non-ASCII text as UTF-8', () => {
    const withCyrillic = { ...event, data: { ...event.data, workType: 'контрольная' } };
    expect(hashedBytes(withCyrillic).includes(Buffer.from('контрольная', 'utf8'))).toBe(true);
  });

  it.each([
    ['globalPosition', '1'],
    ['traceparent', null],
    ['prevHash', null],
    ['hash', 'c'.repeat(64)],
  ])('ignores the non-hashed field %s', (field, value) => {
    expect(hashedBytes({ ...event, [field]: value }).equals(hashedBytes(event))).toBe(true);
  });

  it.each(changes)('changes when the hashed field %s changes', (_field, change) => {
    expect(hashedBytes(change(event)).equals(hashedBytes(event))).toBe(false);
  });

  it('has a change above for every hashed field', () => {
    expect(changes.map(([field]) => field).sort()).toEqual([...HASHED_FIELDS].sort());
  });

  it('refuses to hash an event whose recordedAt the store has not set yet', () => {
    const unrecorded = { ...event, recordedAt: undefined as unknown as string };
    expect(() => hashedBytes(unrecorded)).toThrow(ContractValidationError);
    expect(() => hashedBytes(unrecorded)).toThrow(expect.objectContaining({ field: 'recordedAt' }));
  });
});
