import { quarantinePath, versionKey, versionPath } from './version-key';

describe('versionKey', () => {
  it('leaves ordinary stream ids as they are', () => {
    expect(versionKey('journal-0190a6b8-5c1e-7a3b')).toBe('journal-0190a6b8-5c1e-7a3b');
  });

  it('encodes what MongoDB field names may not hold, reversibly', () => {
    expect(versionKey('journal-2026.7b')).toBe('journal-2026%2E7b');
    expect(versionKey('$summary')).toBe('%24summary');
    expect(versionKey('a%2Eb')).toBe('a%252Eb');
    expect(decodeURIComponent(versionKey('a.b$c%d'))).toBe('a.b$c%d');
  });

  it('builds the paths inside a document', () => {
    expect(versionPath('journal-7.b')).toBe('versions.journal-7%2Eb');
    expect(quarantinePath('journal-7.b')).toBe('quarantine.journal-7%2Eb');
  });
});
