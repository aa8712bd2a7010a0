import {
  notFound,
  type AuthRequest,
  type ScopeResolver,
  type ScopeTarget,
  type UnseenAnswers,
} from '@ejournal/auth';
import type { ReaderFacts } from '../facts/diary-facts';
import { guardianAsked, keepReaderFacts } from './kept-reader-facts';

/** A pupil, placed in the school and class identity's facts say (a `resource` of the routes). */
export const PUPIL_RESOURCE = 'pupil';
/** A school app's webhook endpoint, placed in the schools it serves. */
export const WEBHOOK_RESOURCE = 'webhook';

/**
 * A pupil or webhook the caller cannot see (of a school she holds nothing in) is answered like
 * one that does not exist, so an answer never tells whether another school has it.
 */
export const DIARY_UNSEEN: UnseenAnswers = {
  [PUPIL_RESOURCE]: notFound('DIARY.PUPIL_NOT_FOUND', 'The diary knows no such pupil'),
  [WEBHOOK_RESOURCE]: notFound('DIARY.WEBHOOK_NOT_FOUND', 'There is no such webhook'),
  school: notFound('DIARY.SCHOOL_NOT_FOUND', 'The diary knows no such school'),
};

export interface DiaryPlaces {
  /** Where the pupil is at `at` and the link of `guardianId` to her then (`readerFacts`). */
  readerFacts(pupilId: string, at: Date, guardianId: string | null): Promise<ReaderFacts | null>;
  /** The schools a webhook endpoint serves, null when there is no such endpoint. */
  schoolsOfWebhook(endpointId: string): Promise<string[] | null>;
}

/**
 * Places a pupil where the diary's projection of identity's facts says the pupil is today (or
 * was last), whatever the request claims, and a webhook endpoint in every school it serves; a
 * pupil or endpoint the diary does not know lies nowhere, so nobody sees it. The pupil's
 * facts are looked up as `DiaryAccess` needs them (with the caller's guardianship) and kept
 * on the request, so a diary read asks PostgreSQL once.
 */
export function diaryScopeResolver(
  places: DiaryPlaces,
  regionId: string,
  clock: () => Date,
): ScopeResolver {
  return {
    async complete(target: ScopeTarget, request?: AuthRequest): Promise<ScopeTarget> {
      if (target.resource?.kind === WEBHOOK_RESOURCE) {
        const [schoolId, ...alsoInSchools] =
          (await places.schoolsOfWebhook(target.resource.id)) ?? [];
        return schoolId
          ? { ...target, regionId, schoolId, alsoInSchools }
          : { regionId, ...target };
      }
      if (target.resource?.kind !== PUPIL_RESOURCE) return { regionId, ...target };
      const pupilId = target.resource.id;
      const guardianId = request?.principal ? guardianAsked(request.principal) : null;
      const facts = await places.readerFacts(pupilId, clock(), guardianId);
      if (request) keepReaderFacts(request, { pupilId, guardianId, facts });
      const place = facts?.place;
      return place
        ? { ...target, regionId, schoolId: place.schoolId, classId: place.classId }
        : { regionId, ...target };
    },
  };
}
