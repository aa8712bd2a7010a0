import type { MarkValue } from '@ejournal/contracts';
import type { AveragingFacts } from '../../facts/identity-facts.port';

export interface CountedMark {
  value: MarkValue;
  weight: number;
}

const FIVE_POINT: ReadonlySet<string> = new Set(['1', '2', '3', '4', '5']);
/** Weights are decimals with at most this many places (contracts: positive, at most 10). */
const WEIGHT_PLACES = 6;

/**
 * A pupil's average as policy says: weighted (Σ value·weight / Σ weight) or arithmetic, over
 * five-point values only (`exempt`, `not_attested`, `pass` and `fail` are not numbers),
 * rounded to `decimals` places. Exact: the sums are integers (BigInt) and the rounding is
 * decided on the remainder, so no binary fraction tips a tie (1.005 → 1.01 half up).
 * Null when there is nothing to average. The marks are first tallied by weight (small integer
 * sums), so a year of marks takes one BigInt step per distinct weight, not per mark.
 */
export function averageOf(marks: readonly CountedMark[], averaging: AveragingFacts): number | null {
  const byWeight = new Map<number, { count: number; values: number }>();
  for (const mark of marks) {
    if (!FIVE_POINT.has(mark.value)) continue;
    const weight = averaging.method === 'weighted' ? mark.weight : 1;
    const tally = byWeight.get(weight) ?? { count: 0, values: 0 };
    tally.count += 1;
    tally.values += Number(mark.value);
    byWeight.set(weight, tally);
  }
  let numerator = 0n;
  let denominator = 0n;
  for (const [weight, { count, values }] of byWeight) {
    const scaled = scaledWeight(weight);
    numerator += BigInt(values) * scaled;
    denominator += BigInt(count) * scaled;
  }
  if (denominator === 0n) return null;
  return Number(roundRatio(numerator, denominator, averaging.decimals, averaging.rounding));
}

/**
 * `numerator / denominator` (both non-negative, denominator positive) rounded to `decimals`
 * places, as a decimal string: `half_up` takes a tie away from zero, `half_even` (banker's
 * rounding) to the even last digit.
 */
export function roundRatio(
  numerator: bigint,
  denominator: bigint,
  decimals: number,
  rounding: AveragingFacts['rounding'],
): string {
  const places = Math.max(0, Math.min(12, Math.trunc(decimals)));
  const scaled = numerator * 10n ** BigInt(places);
  let quotient = scaled / denominator;
  const twiceRemainder = (scaled % denominator) * 2n;
  const tie = twiceRemainder === denominator;
  if (twiceRemainder > denominator || (tie && (rounding === 'half_up' || quotient % 2n === 1n))) {
    quotient += 1n;
  }
  if (places === 0) return quotient.toString();
  const digits = quotient.toString().padStart(places + 1, '0');
  return `${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

function scaledWeight(weight: number): bigint {
  return BigInt(weight.toFixed(WEIGHT_PLACES).replace('.', ''));
}
