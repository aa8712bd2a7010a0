import { policyAverage, type AveragingRule } from './policy-average';

const weighted: AveragingRule = { method: 'weighted', decimals: 2, rounding: 'half_up' };
const marks = (...pairs: [string, number][]) => pairs.map(([value, weight]) => ({ value, weight }));

describe('policyAverage', () => {
  it('weighs marks by their weight, or not at all under an arithmetic rule', () => {
    expect(policyAverage(marks(['5', 2], ['3', 1]), weighted)).toBe(4.33);
    expect(policyAverage(marks(['5', 2], ['3', 1]), { ...weighted, method: 'arithmetic' })).toBe(4);
  });

  it('rounds a tie up or to even, exactly', () => {
    const tie = marks(
      ['4', 1],
      ['5', 1],
      ['4', 1],
      ['5', 1],
      ['4', 1],
      ['5', 1],
      ['4', 1],
      ['4', 1],
    );
    expect(policyAverage(tie, { ...weighted, decimals: 2 })).toBe(4.38);
    const half = marks(['4', 1], ['5', 1]);
    expect(policyAverage(half, { ...weighted, decimals: 0, rounding: 'half_up' })).toBe(5);
    expect(policyAverage(half, { ...weighted, decimals: 0, rounding: 'half_even' })).toBe(4);
  });

  it('leaves out values that are not numbers, and answers null when none is', () => {
    expect(policyAverage(marks(['pass', 1], ['exempt', 1], ['2', 1]), weighted)).toBe(2);
    expect(policyAverage(marks(['not_attested', 1]), weighted)).toBeNull();
  });
});
