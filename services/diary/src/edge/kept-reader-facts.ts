import type { Principal } from '@ejournal/auth';
import type { ReaderFacts } from '../facts/diary-facts';

const KEPT = Symbol('diary.readerFacts');

interface Kept {
  pupilId: string;
  guardianId: string | null;
  facts: ReaderFacts | null;
}

type Holder = { [KEPT]?: Kept };

/** Whose guardianship a read asks about: the caller's own, when she holds a parent grant. */
export const guardianAsked = (principal: Principal): string | null =>
  principal.grants.some((grant) => grant.role === 'parent') ? principal.subject : null;

/**
 * Keeps on the request what the guard's scope resolver looked up about the pupil (one query
 * answers both where the pupil is and who the caller is to her), for `DiaryAccess`.
 */
export function keepReaderFacts(request: object, kept: Kept): void {
  (request as Holder)[KEPT] = kept;
}

/** The facts kept on the request for this pupil and guardian; undefined when none were. */
export function keptReaderFacts(
  request: object | undefined,
  pupilId: string,
  guardianId: string | null,
): ReaderFacts | null | undefined {
  const kept = request ? (request as Holder)[KEPT] : undefined;
  return kept?.pupilId === pupilId && kept.guardianId === guardianId ? kept.facts : undefined;
}
