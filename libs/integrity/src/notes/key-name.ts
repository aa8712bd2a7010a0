/**
 * What a C2SP signed-note key name may hold: non-empty, well-formed Unicode, no white space
 * (Go's `unicode.IsSpace`, the Unicode White_Space property), no `+` (it separates the parts
 * of a verifier key) and no control characters. A log's id is its key name and its origin.
 */
export function keyNameProblem(name: string): string | null {
  if (name.length === 0) return 'must not be empty';
  if (/\p{Cs}/u.test(name)) return 'must be valid UTF-8 (a lone surrogate is not)';
  if (/\p{White_Space}/u.test(name)) return 'must not contain spaces';
  if (name.includes('+')) return 'must not contain "+"';
  if (/\p{Cc}/u.test(name)) return 'must not contain control characters';
  return null;
}

export function isValidKeyName(name: string): boolean {
  return keyNameProblem(name) === null;
}
