import { findGrantsForAll, type Grant, type ScopeTarget } from '@ejournal/auth';
import type { GroupFacts } from '../facts/identity-facts.port';
import {
  GROUP_RESOURCE,
  JOURNAL_RESOURCE,
  TEACHER_RESOURCE,
  journalScopeResolver,
  type JournalPlace,
} from './journal-scope-resolver';

const REGION = 'region-91';
const JOURNALS: Record<string, JournalPlace> = {
  'journal-a': { schoolId: 'school-a', regionId: REGION, classId: 'class-a-7' },
};
const group = (groupId: string, schoolId: string, kind: GroupFacts['kind']): GroupFacts => ({
  groupId,
  schoolId,
  academicYear: '2026/2027',
  kind,
});
const GROUPS: Record<string, GroupFacts> = {
  'class-a-7': group('class-a-7', 'school-a', 'class'),
  'class-b-7': group('class-b-7', 'school-b', 'class'),
  'elective-b': group('elective-b', 'school-b', 'elective'),
};

/** Teachers and the schools they hold staff grants in. */
const STAFF: Record<string, string[]> = {
  'teacher-a': ['school-a'],
  'teacher-b': ['school-b'],
  'teacher-ab': ['school-b', 'school-a'],
};

const resolver = journalScopeResolver(
  { find: async (journalId) => JOURNALS[journalId] ?? null },
  {
    group: async (groupId) => GROUPS[groupId] ?? null,
    staffSchools: async (personId) => STAFF[personId] ?? [],
  },
  REGION,
);
const resource = (kind: string, id: string, schoolId?: string): ScopeTarget => ({
  ...(schoolId ? { schoolId } : {}),
  resource: { kind, id },
});
const headOfA: Grant[] = [{ role: 'head', scope: { kind: 'school', id: 'school-a' } }];
const coveredForHeadOfA = async (...targets: ScopeTarget[]) => {
  const completed = await Promise.all(targets.map((target) => resolver.complete(target)));
  return findGrantsForAll(headOfA, ['head'], completed) !== undefined;
};

describe('the journal scope resolver', () => {
  it('places a journal in its school and class', async () => {
    expect(await resolver.complete(resource(JOURNAL_RESOURCE, 'journal-a'))).toMatchObject({
      regionId: REGION,
      schoolId: 'school-a',
      classId: 'class-a-7',
    });
  });

  it('places a class in its school and class, a group in its school only', async () => {
    expect(await resolver.complete(resource(GROUP_RESOURCE, 'class-b-7'))).toEqual({
      ...resource(GROUP_RESOURCE, 'class-b-7'),
      regionId: REGION,
      schoolId: 'school-b',
      classId: 'class-b-7',
    });
    expect(await resolver.complete(resource(GROUP_RESOURCE, 'elective-b'))).toEqual({
      ...resource(GROUP_RESOURCE, 'elective-b'),
      regionId: REGION,
      schoolId: 'school-b',
    });
  });

  it('places a group where its facts say, whatever school the request claims', async () => {
    const claimed = resource(GROUP_RESOURCE, 'class-b-7', 'school-a');
    expect(await resolver.complete(claimed)).toMatchObject({ schoolId: 'school-b' });
    expect(await coveredForHeadOfA({ schoolId: 'school-a' }, claimed)).toBe(false);
    expect(await coveredForHeadOfA(resource(JOURNAL_RESOURCE, 'journal-a', 'school-b'))).toBe(true);
  });

  it('leaves what it does not know where the route put it (nowhere, or the named school), marked unknown', async () => {
    expect(await resolver.complete(resource(GROUP_RESOURCE, 'group-unknown'))).toEqual({
      ...resource(GROUP_RESOURCE, 'group-unknown'),
      regionId: REGION,
      unknown: true,
    });
    expect(await resolver.complete(resource(JOURNAL_RESOURCE, 'journal-new', 'school-a'))).toEqual({
      ...resource(JOURNAL_RESOURCE, 'journal-new', 'school-a'),
      regionId: REGION,
      unknown: true,
    });
    expect(
      (await resolver.complete(resource(TEACHER_RESOURCE, 'teacher-a'))).unknown,
    ).toBeUndefined();
    expect(await coveredForHeadOfA(resource(JOURNAL_RESOURCE, 'journal-unknown'))).toBe(false);
    expect(await coveredForHeadOfA(resource(GROUP_RESOURCE, 'group-unknown'))).toBe(false);
    expect(await coveredForHeadOfA(resource(JOURNAL_RESOURCE, 'journal-new', 'school-a'))).toBe(
      true,
    );
    expect(await coveredForHeadOfA(resource(JOURNAL_RESOURCE, 'journal-a', 'school-a'))).toBe(true);
  });

  it('places a class named alone in its school, and a school in the region', async () => {
    expect(await resolver.complete({ classId: 'class-b-7' })).toEqual({
      regionId: REGION,
      classId: 'class-b-7',
      schoolId: 'school-b',
    });
    expect(await resolver.complete({ schoolId: 'school-a' })).toEqual({
      regionId: REGION,
      schoolId: 'school-a',
    });
  });

  it('places a teacher in every school of her staff grants, one unknown where the route put it', async () => {
    expect(await coveredForHeadOfA(resource(TEACHER_RESOURCE, 'teacher-a'))).toBe(true);
    expect(await coveredForHeadOfA(resource(TEACHER_RESOURCE, 'teacher-b'))).toBe(false);
    expect(await coveredForHeadOfA(resource(TEACHER_RESOURCE, 'teacher-ab'))).toBe(true);
    expect(await coveredForHeadOfA(resource(TEACHER_RESOURCE, 'teacher-b', 'school-a'))).toBe(
      false,
    );
    expect(await coveredForHeadOfA(resource(TEACHER_RESOURCE, 'teacher-new'))).toBe(false);
    expect(await coveredForHeadOfA(resource(TEACHER_RESOURCE, 'teacher-new', 'school-a'))).toBe(
      true,
    );
  });
});
