import { MARK_VALUES } from '@ejournal/contracts';

export type Scale = 'five_point' | 'pass_fail';

const NOT_GRADED = ['exempt', 'not_attested'] as const;

/** The values a scale admits; `exempt` and `not_attested` belong to every scale. */
export const SCALE_VALUES: Record<Scale, readonly string[]> = {
  five_point: ['1', '2', '3', '4', '5', ...NOT_GRADED],
  pass_fail: ['pass', 'fail', ...NOT_GRADED],
};

export const isOnScale = (scale: Scale, value: string) => SCALE_VALUES[scale].includes(value);

/** A mark that grades the pupil, as opposed to recording that they were not graded. */
export const isGrade = (value: string) => !(NOT_GRADED as readonly string[]).includes(value);

/** The scale a recorded value belongs to; null for values of every scale. */
export function scaleOfValue(value: string): Scale | null {
  if (!isGrade(value)) return null;
  return isOnScale('five_point', value) ? 'five_point' : 'pass_fail';
}

export const isMarkValue = (value: string) => (MARK_VALUES as readonly string[]).includes(value);
