import { documentRef, isDocumentRef, refDigest } from './document-ref';
import { InvalidDocumentRefError } from './errors';

describe('document refs', () => {
  it('are sha256:<hex> of the bytes', () => {
    expect(documentRef(new TextEncoder().encode('abc'))).toBe(
      'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('accept only 64 lowercase hex digits after sha256:', () => {
    const hex = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(refDigest(`sha256:${hex}`)).toBe(hex);
    expect(isDocumentRef(`sha256:${hex}`)).toBe(true);
    for (const bad of [hex, `sha256:${hex.toUpperCase()}`, `sha256:${hex}/..`, 'sha256:', 42]) {
      expect(isDocumentRef(bad)).toBe(false);
      expect(() => refDigest(bad as string)).toThrow(InvalidDocumentRefError);
    }
  });
});
