import { ValidationProblem } from '../problems/problem';
import {
  INVALID_UTF8,
  JSON_TOO_DEEP,
  MALFORMED_JSON,
  MAX_JSON_DEPTH,
  NOT_I_JSON,
  parseJsonBody,
} from './json-body';

const parse = (text: string | Buffer) =>
  parseJsonBody(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'), JSON.parse);

const refusalOf = (text: string | Buffer) => {
  try {
    parse(text);
  } catch (error) {
    return error instanceof ValidationProblem ? error.code : `not a problem: ${String(error)}`;
  }
  return 'accepted';
};

describe('parseJsonBody', () => {
  it('parses JSON in UTF-8, Cyrillic and escapes included', () => {
    expect(parse('{"topic":"Дроби \\u00e9","marks":[5,4],"n":9007199254740991}')).toEqual({
      topic: 'Дроби é',
      marks: [5, 4],
      n: 9007199254740991,
    });
  });

  it('refuses bytes that are not UTF-8 instead of replacing them', () => {
    const bytes = Buffer.concat([
      Buffer.from('{"topic":"a'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    expect(refusalOf(bytes)).toBe(INVALID_UTF8);
  });

  it('refuses nesting deeper than the limit before parsing it', () => {
    const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(parse(deep(MAX_JSON_DEPTH))).toBeInstanceOf(Array);
    expect(refusalOf(deep(MAX_JSON_DEPTH + 1))).toBe(JSON_TOO_DEEP);
    expect(refusalOf(`${'{"a":'.repeat(500_000)}1`)).toBe(JSON_TOO_DEEP);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ topic: `"${'['.repeat(100)}\\"{{{` });
    expect(parse(text)).toEqual(JSON.parse(text));
  });

  it.each([[''], ['{"a":'], ['{"a":1}x'], ['NaN']])('refuses %j as malformed', (text) => {
    expect(refusalOf(text)).toBe(MALFORMED_JSON);
  });

  it.each([
    ['a lone surrogate in a string', '{"topic":"\\ud800"}'],
    ['a lone surrogate in a member name', '{"\\udc00":1}'],
    ['a whole number beyond 2^53', '{"weight":9007199254740993}'],
    ['a huge number', '[6.860092950078256e+242]'],
  ])('refuses %s as not I-JSON', (_what, text) => {
    expect(refusalOf(text)).toBe(NOT_I_JSON);
  });

  it('keeps a surrogate pair (an emoji) and fractions', () => {
    expect(parse('{"s":"\\ud83d\\ude00","w":0.5}')).toEqual({ s: '😀', w: 0.5 });
  });
});
