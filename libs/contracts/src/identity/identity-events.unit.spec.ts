import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ContractValidationError } from '../registry/contract-errors';
import { sampleNewEvent, sampleRecordedEvent } from '../test-support/sample-events';
import { identityRegistry } from './identity-registry';
import { IDENTITY_SAMPLE_DATA } from './identity-samples';

const sample = (key: string) => IDENTITY_SAMPLE_DATA[key] ?? {};
const event = (key: string, change: object = {}) => {
  const [type = '', version = ''] = key.split('.v');
  return sampleNewEvent(type, Number(version), { ...sample(key), ...change });
};

function fieldOfError(key: string, change: object): string {
  try {
    identityRegistry.validate(event(key, change));
  } catch (error) {
    expect(error).toBeInstanceOf(ContractValidationError);
    return (error as ContractValidationError).field;
  }
  throw new Error('expected a ContractValidationError');
}

describe('identityRegistry', () => {
  it('has one sample per registered type and version', () => {
    expect(Object.keys(identityRegistry.jsonSchemas()).sort()).toEqual(
      Object.keys(IDENTITY_SAMPLE_DATA).sort(),
    );
  });

  it.each(Object.keys(IDENTITY_SAMPLE_DATA))('accepts a valid %s event', (key) => {
    expect(identityRegistry.validate(event(key))).toEqual(event(key));
  });

  it.each<[string, object, string]>([
    ['a name in a grant', { personName: 'Ёлкина Анна' }, 'data.personName'],
    ['a name in place of an id', { pupilId: 'Ёлкина Анна' }, 'data.pupilId'],
  ])('keeps personal data out: %s', (_case, change, field) => {
    expect(fieldOfError('PupilEnrolled.v1', change)).toBe(field);
  });

  it.each<[string, string, object, string]>([
    [
      'an unknown time zone',
      'SchoolRegistered.v1',
      { timeZone: 'Europe/Atlantis' },
      'data.timeZone',
    ],
    ['an offset for a zone', 'SchoolRegistered.v1', { timeZone: '+03:00' }, 'data.timeZone'],
    ['grade 12', 'ClassOpened.v1', { grade: 12 }, 'data.grade'],
    ['a lowercase letter', 'ClassOpened.v1', { letter: 'а' }, 'data.letter'],
    [
      'one period',
      'AcademicCalendarSet.v1',
      { periods: [{ number: 1, startsOn: '2026-09-01', endsOn: '2027-05-31' }] },
      'data.periods',
    ],
    ['an unknown role', 'RoleGranted.v1', { role: 'janitor' }, 'data.role'],
    [
      'a class scope without its school',
      'RoleGranted.v1',
      { scope: { kind: 'class', id: 'c-1' } },
      'data.scope.schoolId',
    ],
    ['an unknown consent purpose', 'ConsentGiven.v1', { purpose: 'marketing' }, 'data.purpose'],
    [
      'a weight of 0',
      'SchoolPolicyPublished.v1',
      { workTypeWeights: [{ workType: 'test', weight: 0 }] },
      'data.workTypeWeights.0.weight',
    ],
  ])('refuses %s', (_case, key, change, field) => {
    expect(fieldOfError(key, change)).toBe(field);
  });

  it('publishes JSON Schemas that accept the samples', () => {
    const ajv = addFormats(new Ajv2020({ allErrors: true }));
    for (const [key, schema] of Object.entries(identityRegistry.jsonSchemas())) {
      const [type = '', version = ''] = key.split('.v');
      const validate = ajv.compile(schema);
      expect(validate(sampleRecordedEvent(type, Number(version), sample(key)))).toBe(true);
    }
  });
});
