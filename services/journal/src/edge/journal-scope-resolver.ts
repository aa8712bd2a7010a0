import {
  notFound,
  type ScopeResolver,
  type ScopeTarget,
  type UnseenAnswer,
  type UnseenAnswers,
} from '@ejournal/auth';
import type { IdentityFacts } from '../facts/identity-facts.port';

/** Where a journal lies, as its `JournalOpened` says; `classId` when its group is a class. */
export interface JournalPlace {
  regionId: string;
  schoolId: string;
  classId: string | null;
}

/** A journal, placed where its `JournalOpened` says (a `resource` kind of the routes). */
export const JOURNAL_RESOURCE = 'journal';
/** A class or an ad-hoc group, placed where identity's projected facts say. */
export const GROUP_RESOURCE = 'group';
/** A person named as a journal's teacher: in every school where she holds a staff grant. */
export const TEACHER_RESOURCE = 'teacher';

/** The sheet of a class: a class of another school answers as one the school does not have. */
export const UNKNOWN_CLASS = notFound('JOURNAL.UNKNOWN_CLASS', 'The school has no such class');
/** A journal opened with a chosen id that another school's journal has. */
export const JOURNAL_ID_TAKEN: UnseenAnswer = {
  kind: 'conflict',
  code: 'JOURNAL.ALREADY_OPENED',
  detail: 'A journal with this id is open',
};

/**
 * How the journal answers an id it does not know, by kind; the guard answers an id of a
 * school the caller holds nothing in the same way (`AuthModule`'s `unseen`).
 */
export const JOURNAL_UNSEEN: UnseenAnswers = {
  [JOURNAL_RESOURCE]: notFound('JOURNAL.NOT_FOUND', 'There is no such journal'),
  [GROUP_RESOURCE]: {
    kind: 'unprocessable',
    code: 'JOURNAL.UNKNOWN_GROUP',
    detail: 'The school has no such class or group',
  },
  [TEACHER_RESOURCE]: {
    kind: 'unprocessable',
    code: 'JOURNAL.UNKNOWN_TEACHER',
    detail: 'No teacher of the journal’s school has this id',
  },
  school: {
    kind: 'precondition',
    code: 'JOURNAL.UNKNOWN_SCHOOL',
    detail: 'The journal does not know this school',
  },
  class: UNKNOWN_CLASS,
};

/**
 * Places what a route names in its school and class, so grants are checked against what the
 * journal's own records say rather than what the request claims: a journal where it was opened
 * (and in its class, when its group is one), a group where identity formed it, a class in its
 * school, a school in its region. Something the records do not know stays where the route put
 * it: nowhere (only region-wide grants then pass; others are answered as `JOURNAL_UNSEEN` says
for the kind, 404 `JOURNAL.NOT_FOUND` for a journal), or the school
 * the request names, for a journal being opened with a chosen id or a group whose facts have
 * not arrived yet (the command then refuses it itself, 422 `JOURNAL.UNKNOWN_GROUP`). Either
 * way it is marked `unknown`: a caller it is not covered for is answered as for an unknown id.
 */
export function journalScopeResolver(
  directory: { find(journalId: string): Promise<JournalPlace | null> },
  facts: Pick<IdentityFacts, 'group' | 'staffSchools'>,
  regionId: string,
): ScopeResolver {
  return {
    async complete(target: ScopeTarget): Promise<ScopeTarget> {
      const resource = target.resource;
      if (resource?.kind === JOURNAL_RESOURCE) {
        const place = await directory.find(resource.id);
        if (!place) return { regionId, ...target, unknown: true };
        return {
          ...target,
          regionId: place.regionId,
          schoolId: place.schoolId,
          ...(place.classId ? { classId: place.classId } : {}),
        };
      }
      if (resource?.kind === GROUP_RESOURCE) {
        const group = await facts.group(resource.id);
        if (!group) return { regionId, ...target, unknown: true };
        return {
          ...target,
          regionId,
          schoolId: group.schoolId,
          ...(group.kind === 'class' ? { classId: group.groupId } : {}),
        };
      }
      if (resource?.kind === TEACHER_RESOURCE) {
        const [schoolId, ...alsoInSchools] = await facts.staffSchools(resource.id);
        return schoolId
          ? { regionId, ...target, schoolId, alsoInSchools }
          : { regionId, ...target, unknown: true };
      }
      if (target.classId && !target.schoolId) {
        const group = await facts.group(target.classId);
        return { regionId, ...target, ...(group ? { schoolId: group.schoolId } : {}) };
      }
      return { regionId, ...target };
    },
  };
}
