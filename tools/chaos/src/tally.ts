/** What one place holds of the acknowledged ids: lost (absent) and doubled (more than once). */
export interface Tally {
  expected: number;
  found: number;
  lost: number;
  doubled: number;
}

/**
 * Counts, by id, how many of `expected` a place holds: `seen` lists every id found there, as
 * many times as it was found (ids not expected are ignored).
 */
export function tally(expected: Iterable<string>, seen: Iterable<string>): Tally {
  const wanted = new Set(expected);
  const counts = new Map<string, number>();
  for (const id of seen) if (wanted.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
  let doubled = 0;
  for (const count of counts.values()) if (count > 1) doubled += count - 1;
  return { expected: wanted.size, found: counts.size, lost: wanted.size - counts.size, doubled };
}

/** The sums over several places' tallies. */
export function total(tallies: Tally[]): { lost: number; doubled: number } {
  return tallies.reduce(
    (sum, each) => ({ lost: sum.lost + each.lost, doubled: sum.doubled + each.doubled }),
    { lost: 0, doubled: 0 },
  );
}
