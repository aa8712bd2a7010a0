import type { SchemathesisBudget } from './schemathesis';

/** How much fuzzing a run does: `ci` inside `npm test`, `long` for `npm run fuzz`. */
export interface FuzzProfile {
  name: string;
  /** Each service is fuzzed as its first N callers (operator, teacher, parent). */
  callersPerService: number;
  budget(service: string): SchemathesisBudget;
  /** `METHOD /path` of operations Schemathesis does not call, each for a reason below. */
  excluded: readonly string[];
}

const EXCLUDED = [
  // A live event stream stays open until the client leaves: a request never ends by itself.
  // The hostile requests still reach it, reading its status and headers only.
  'GET /me/notifications/stream',
];

/** Inside `npm test`: generated examples and random fuzzing, positive and negative, with a
 * fixed seed so a failing run can be repeated. */
export const FUZZ_CI: FuzzProfile = {
  name: 'ci',
  callersPerService: 1,
  budget: () => ({ phases: ['examples', 'fuzzing'], maxExamples: 6, seed: 20261207 }),
  excluded: EXCLUDED,
};

export const FUZZ_PROFILES: Record<string, FuzzProfile> = {
  ci: FUZZ_CI,
  long: {
    name: 'long',
    callersPerService: 2,
    // Also Schemathesis's coverage phase (boundary and wrong-type values of every keyword)
    // and stateful sequences; fuzzing repeats until each service's time is spent.
    budget: () => ({
      phases: ['examples', 'coverage', 'fuzzing', 'stateful'],
      maxExamples: 50,
      maxSeconds: 90,
      seed: Date.now() % 1_000_000,
    }),
    excluded: EXCLUDED,
  },
};
