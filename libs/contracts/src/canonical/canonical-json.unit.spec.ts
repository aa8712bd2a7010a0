import { CanonicalJsonError, canonicalize } from './canonical-json';

const fromIeeeHex = (hex: string) => Buffer.from(hex, 'hex').readDoubleBE(0);

describe('canonicalize (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units, as in the RFC 8785 §3.2.3 example', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // The emoji (a surrogate pair starting 0xD83D) sorts before U+FB33, unlike by code point.
    expect(canonicalize(input, { unsafeIntegers: 'allow' })).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control",' +
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",' +
        '"\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('sorts integer-like keys as strings, not in the order JavaScript enumerates them', () => {
    expect(canonicalize({ 9: 'nine', 10: 'ten', a: 'a' })).toBe('{"10":"ten","9":"nine","a":"a"}');
  });

  it('serializes the RFC 8785 §3.2.2 example', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        ' "literals": [null, true, false]}',
    ) as unknown;
    expect(canonicalize(input, { unsafeIntegers: 'allow' })).toBe(
      '{"literals":[null,true,false],' +
        '"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it.each([
    [1e21, '1e+21'],
    [1e-7, '1e-7'],
    [0.000001, '0.000001'],
    [-0, '0'],
    [Number('333333333.33333329'), '333333333.3333333'],
    [100, '100'],
    [-1.5, '-1.5'],
  ])('writes the number %p as %s', (value, expected) => {
    expect(canonicalize(value, { unsafeIntegers: 'allow' })).toBe(expected);
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
  ])('writes the IEEE 754 double %s as %s (RFC 8785 Appendix B)', (hex, expected) => {
    expect(canonicalize(fromIeeeHex(hex), { unsafeIntegers: 'allow' })).toBe(expected);
  });

  it('refuses whole numbers that a JSON parser has already rounded (beyond ±(2^53 − 1))', () => {
    const parsed = JSON.parse('{"data":{"count":9007199254740993}}') as unknown;
    expect(() => canonicalize(parsed)).toThrow(
      new CanonicalJsonError(
        '$.data.count',
        '9007199254740992 is a whole number beyond ±(2^53 − 1)',
      ),
    );
    expect(() => canonicalize([1e21])).toThrow(CanonicalJsonError);
    expect(() => canonicalize(-(2 ** 53))).toThrow(CanonicalJsonError);
    expect(canonicalize(Number.MAX_SAFE_INTEGER)).toBe('9007199254740991');
    expect(canonicalize(Number.MIN_SAFE_INTEGER)).toBe('-9007199254740991');
    expect(canonicalize(1.5e300 / 1e300)).toBe('1.5');
    expect(canonicalize({ big: '9007199254740993' })).toBe('{"big":"9007199254740993"}');
  });

  it('writes nested data without whitespace and leaves array order alone', () => {
    expect(canonicalize({ b: [3, { z: 1, a: null }], a: 'x', c: true })).toBe(
      '{"a":"x","b":[3,{"a":null,"z":1}],"c":true}',
    );
    expect(canonicalize([])).toBe('[]');
    expect(canonicalize({})).toBe('{}');
  });

  it('omits object properties whose value is undefined, as JSON does', () => {
    expect(canonicalize({ a: 1, b: undefined })).toBe('{"a":1}');
  });

  it('gives the same output whatever the insertion order of keys', () => {
    expect(canonicalize({ y: 1, x: { q: 2, p: 3 } })).toBe(
      canonicalize({ x: { p: 3, q: 2 }, y: 1 }),
    );
  });

  it.each([
    ['NaN', { weight: NaN }, '$.weight', 'NaN is not a JSON number'],
    ['Infinity', [1, -Infinity], '$[1]', '-Infinity is not a JSON number'],
    ['a BigInt', { position: 10n }, '$.position', 'bigint is not a JSON value'],
    ['undefined in an array', [1, undefined], '$[1]', 'undefined in an array'],
    [
      'a hole in an array',
      Object.assign(new Array<unknown>(3), { 0: 1, 2: 3 }),
      '$[1]',
      'undefined in an array',
    ],
    ['a function', { f: () => 1 }, '$.f', 'function is not a JSON value'],
    ['a symbol', { s: Symbol('s') }, '$.s', 'symbol is not a JSON value'],
    ['undefined itself', undefined, '$', 'undefined is not a JSON value'],
    ['a Date', { at: new Date(0) }, '$.at', 'Date is not a plain object'],
    ['a lone surrogate', { text: 'a\ud800b' }, '$.text', 'string has a lone surrogate'],
  ])('rejects %s with a clear error naming the path', (_name, value, path, reason) => {
    const attempt = () => canonicalize(value);
    expect(attempt).toThrow(CanonicalJsonError);
    expect(attempt).toThrow(`Cannot canonicalize ${path}: ${reason}`);
  });

  it('rejects circular references', () => {
    const node: Record<string, unknown> = { a: 1 };
    node['self'] = node;
    expect(() => canonicalize(node)).toThrow('Cannot canonicalize $.self: circular reference');
  });

  it('accepts the same object twice when it is not its own ancestor', () => {
    const shared = { k: 1 };
    expect(canonicalize({ a: shared, b: [shared] })).toBe('{"a":{"k":1},"b":[{"k":1}]}');
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as object, { b: 2, a: 1 });
    expect(canonicalize(bare)).toBe('{"a":1,"b":2}');
  });
});
