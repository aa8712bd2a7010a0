import { GridAnswers } from './grid-answers';

const key = (version: number, factsRevision = 1, period: number | null = null) =>
  GridAnswers.keyOf({ journalId: 'j-1', version, factsRevision, period, includeVoided: false });

describe('grid answers', () => {
  it('answers only the exact journal version, facts revision and options it was built for', () => {
    const answers = new GridAnswers();
    const kept = answers.keep(key(7), '{"v":7}');
    expect(answers.get(key(7))).toEqual(kept);
    expect(answers.get(key(8))).toBeNull();
    expect(answers.get(key(7, 2))).toBeNull();
    expect(answers.get(key(7, 1, 1))).toBeNull();
    expect(kept.etag).not.toEqual(answers.keep(key(7, 2), '{"v":7}').etag);
  });

  it('lets the least recently used answers go past its size', () => {
    const answers = new GridAnswers(10);
    answers.keep(key(1), '12345');
    answers.keep(key(2), '12345');
    answers.get(key(1));
    answers.keep(key(3), '12345');
    expect([answers.get(key(1)), answers.get(key(2)), answers.get(key(3))].map(Boolean)).toEqual([
      true,
      false,
      true,
    ]);
    answers.keep(key(4), '12345678901');
    expect(answers.get(key(4))).toBeNull();
  });

  it('keeps bytes as they are, named as the same text would be', () => {
    const answers = new GridAnswers();
    const bytes = Buffer.from('{"v":1}');
    const kept = answers.keep(key(1), bytes);
    expect(kept).toEqual({ body: bytes, etag: GridAnswers.etagOf(key(1)) });
    expect(answers.get(key(1))?.body).toBe(bytes);
    expect(new GridAnswers().keep(key(1), '{"v":1}')).toEqual(kept);
  });
});
