import { normaliseCode, oneTimeCode, randomToken } from './secrets';

describe('secrets', () => {
  it('makes one-time codes people can type: 12 Crockford characters in groups of four', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => oneTimeCode()));
    expect(codes.size).toBe(1000);
    for (const code of codes)
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('reads a code typed in lower case, without dashes, with O for 0 and l for 1', () => {
    expect(normaliseCode('abcd-o1l2 efgh')).toBe(normaliseCode('ABCD0112EFGH'));
  });

  it('makes 256-bit tokens', () => {
    expect(Buffer.from(randomToken(), 'base64url')).toHaveLength(32);
  });
});
