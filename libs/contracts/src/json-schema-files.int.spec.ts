import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { diaryJsonSchemas } from './diary';
import { identityRegistry } from './identity';
import { integrityJsonSchemas } from './integrity';
import { journalRegistry } from './journal';

const dir = path.join(__dirname, '..', 'json-schema');

describe('published JSON Schemas (libs/contracts/json-schema)', () => {
  const schemas = {
    ...journalRegistry.jsonSchemas(),
    ...identityRegistry.jsonSchemas(),
    ...diaryJsonSchemas(),
    ...integrityJsonSchemas(),
  };

  it('has one file per event type and version, and no other', () => {
    const files = readdirSync(dir).sort();
    expect(files).toEqual(
      Object.keys(schemas)
        .map((key) => `${key}.json`)
        .sort(),
    );
  });

  it.each(Object.keys(schemas))(
    '%s matches the registry (regenerate: npx nx json-schema contracts)',
    (key) => {
      const published = JSON.parse(readFileSync(path.join(dir, `${key}.json`), 'utf8'));
      expect(published).toEqual(schemas[key]);
    },
  );
});
