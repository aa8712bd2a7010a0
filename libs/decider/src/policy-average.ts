/** How a school's local act says marks are averaged (SchoolPolicyPublished `averaging`). */
export interface AveragingRule {
  method: 'weighted' | 'arithmetic';
  decimals: number;
  rounding: 'half_up' | 'half_even';
}

/** Weights have at most six decimal places; a mark's value is its five-point digit. */
const MICRO = 1_000_000n;
const NUMERIC = /^[1-5]$/;

/**
 * The average of marks under a school's rule, or null when no mark is a number (`pass`,
 * `exempt` and the like are not). Computed in integers (weights in millionths), then rounded
 * once to `decimals` places on the exact remainder, so that 4.445 rounds as a person would.
 */
export function policyAverage(
  marks: readonly { value: string; weight: number }[],
  rule: AveragingRule,
): number | null {
  let sum = 0n;
  let weights = 0n;
  for (const { value, weight } of marks) {
    if (!NUMERIC.test(value)) continue;
    const micro = rule.method === 'weighted' ? BigInt(Math.round(weight * 1e6)) : MICRO;
    sum += BigInt(value) * micro;
    weights += micro;
  }
  if (weights === 0n) return null;
  const places = BigInt(Math.max(0, Math.min(12, Math.trunc(rule.decimals))));
  const scale = 10n ** places;
  const whole = (sum * scale) / weights;
  const rest = (sum * scale) % weights;
  const up =
    rest * 2n > weights ||
    (rest * 2n === weights && (rule.rounding === 'half_up' || whole % 2n === 1n));
  return Number(up ? whole + 1n : whole) / Number(scale);
}
