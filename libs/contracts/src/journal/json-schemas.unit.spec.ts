import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { SAMPLE_DATA, sampleRecordedEvent } from '../test-support/sample-events';
import { journalRegistry } from './journal-registry';

const ajv = addFormats(new Ajv2020({ allErrors: true }));
const schemas = journalRegistry.jsonSchemas();

describe('journalRegistry.jsonSchemas', () => {
  it('has one draft 2020-12 schema per type and version', () => {
    expect(Object.keys(schemas).sort()).toEqual(Object.keys(SAMPLE_DATA).sort());
    for (const schema of Object.values(schemas)) {
      expect(schema).toHaveProperty('$schema', 'https://json-schema.org/draft/2020-12/schema');
    }
  });

  it.each(Object.keys(SAMPLE_DATA))('%s accepts a sample recorded event', (key) => {
    const [type = '', version = ''] = key.split('.v');
    const validate = ajv.compile(schemas[key] ?? {});
    const event = sampleRecordedEvent(type, Number(version), SAMPLE_DATA[key]);
    const valid = validate(event);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('rejects what the registry rejects', () => {
    const validate = ajv.compile(schemas['MarkRecorded.v2'] ?? {});
    const event = sampleRecordedEvent('MarkRecorded', 2, SAMPLE_DATA['MarkRecorded.v2']);
    expect(validate(event)).toBe(true);
    expect(validate({ ...event, data: { ...event.data, value: '6' } })).toBe(false);
    expect(validate({ ...event, data: { ...event.data, pupilName: 'x' } })).toBe(false);
    expect(validate({ ...event, schemaVersion: 1 })).toBe(false);
    expect(validate({ ...event, globalPosition: 12 })).toBe(false);
    expect(validate({ ...event, hash: 'XYZ' })).toBe(false);
    expect(validate({ ...event, eventId: '9b2e4f4e-3f9a-4d55-8f3c-0b1f6f0e2a11' })).toBe(false);
  });
});
