import { approximateSize, chunkByBytes } from './chunk-by-bytes';

const message = (bytes: number) => ({ key: 'k', value: 'x'.repeat(bytes), headers: { a: 'b' } });

describe('chunkByBytes', () => {
  it('keeps order and splits before a chunk would exceed the limit', () => {
    const messages = [message(400), message(400), message(400), message(10)];
    const limit = approximateSize(messages[0]!) * 2;
    const chunks = chunkByBytes(messages, limit);
    expect(chunks.map((chunk) => chunk.length)).toEqual([2, 2]);
    expect(chunks.flat()).toEqual(messages);
  });

  it('sends a message larger than the limit on its own', () => {
    expect(chunkByBytes([message(10), message(5000), message(10)], 1000)).toHaveLength(3);
  });

  it('counts multi-byte characters as bytes', () => {
    expect(approximateSize({ key: 'ё', value: 'ё', headers: {} })).toBe(32 + 4);
  });
});
