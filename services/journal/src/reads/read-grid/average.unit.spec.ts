import type { MarkValue } from '@ejournal/contracts';
import type { AveragingFacts } from '../../facts/identity-facts.port';
import { averageOf, roundRatio } from './average';

const weighted = (
  decimals: number,
  rounding: AveragingFacts['rounding'] = 'half_up',
): AveragingFacts => ({
  method: 'weighted',
  decimals,
  rounding,
});
const arithmetic = (
  decimals: number,
  rounding: AveragingFacts['rounding'] = 'half_up',
): AveragingFacts => ({
  method: 'arithmetic',
  decimals,
  rounding,
});
const marks = (...entries: [MarkValue, number][]) =>
  entries.map(([value, weight]) => ({ value, weight }));

describe('roundRatio', () => {
  it('rounds a tie up with half_up and to the even digit with half_even', () => {
    expect(roundRatio(93n, 20n, 1, 'half_up')).toBe('4.7'); // 4.65
    expect(roundRatio(93n, 20n, 1, 'half_even')).toBe('4.6');
    expect(roundRatio(91n, 20n, 1, 'half_even')).toBe('4.6'); // 4.55: 5 is odd, up to 6
    expect(roundRatio(9n, 2n, 0, 'half_even')).toBe('4'); // 4.5
    expect(roundRatio(11n, 2n, 0, 'half_even')).toBe('6'); // 5.5
  });

  it('rounds what is not a tie to the nearest, either way', () => {
    expect(roundRatio(14n, 3n, 2, 'half_even')).toBe('4.67');
    expect(roundRatio(13n, 3n, 2, 'half_up')).toBe('4.33');
    expect(roundRatio(931n, 200n, 1, 'half_even')).toBe('4.7'); // 4.655 is past the tie
  });

  it('writes every decimal asked for, leading zeros included', () => {
    expect(roundRatio(5n, 1n, 2, 'half_up')).toBe('5.00');
    expect(roundRatio(1n, 40n, 2, 'half_up')).toBe('0.03'); // 0.025
    expect(roundRatio(1n, 40n, 2, 'half_even')).toBe('0.02');
  });
});

describe('averageOf', () => {
  it('weights each mark: Σ value·weight / Σ weight', () => {
    expect(averageOf(marks(['5', 2], ['3', 1]), weighted(2))).toBe(4.33);
    expect(averageOf(marks(['5', 1.5], ['4', 1]), weighted(2))).toBe(4.6);
    expect(averageOf(marks(['5', 0.1], ['2', 0.2]), weighted(1))).toBe(3); // 0.1 + 0.2 is not 0.3 in floats
  });

  it('ignores weights when the policy says arithmetic', () => {
    expect(averageOf(marks(['5', 2], ['3', 1]), arithmetic(2))).toBe(4);
  });

  it('decides ties exactly where binary floats would tip them (4.65, 1.005)', () => {
    const twenty = marks(
      ...Array.from({ length: 20 }, (_, index): [MarkValue, number] => [index < 13 ? '5' : '4', 1]),
    );
    expect(averageOf(twenty, arithmetic(1, 'half_even'))).toBe(4.6); // 93 / 20 = 4.65
    expect(averageOf(twenty, arithmetic(1, 'half_up'))).toBe(4.7);
    // 201 / 200 = 1.005; Math.round(1.005 * 100) / 100 gives 1.
    const ones = marks(
      ['2', 1],
      ...Array.from({ length: 199 }, (): [MarkValue, number] => ['1', 1]),
    );
    expect(averageOf(ones, arithmetic(2, 'half_up'))).toBe(1.01);
    expect(averageOf(ones, arithmetic(2, 'half_even'))).toBe(1);
  });

  it('counts five-point values only', () => {
    const mixed = marks(
      ['5', 1],
      ['exempt', 1],
      ['not_attested', 1],
      ['pass', 1],
      ['fail', 1],
      ['3', 1],
    );
    expect(averageOf(mixed, weighted(2))).toBe(4);
  });

  it('is null without a numeric mark', () => {
    expect(averageOf([], weighted(2))).toBeNull();
    expect(averageOf(marks(['pass', 1], ['exempt', 2]), weighted(2))).toBeNull();
  });
});
