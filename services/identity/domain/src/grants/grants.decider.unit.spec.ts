import { specify } from '@ejournal/decider/testing';
import { grantsDecider, type GrantsEvent } from './grants.decider';

const { given } = specify(grantsDecider);
const school = { kind: 'school' as const, id: 'school-17' };
const granted: GrantsEvent = {
  type: 'RoleGranted',
  data: { grantId: 'gr-1', personId: 'p-1', role: 'teacher', scope: school },
};

describe('a person without grants', () => {
  it('is granted a role in a scope the role allows', () =>
    given([])
      .when({ type: 'GrantRole', personId: 'p-1', grantId: 'gr-1', role: 'teacher', scope: school })
      .then([granted]));
  it.each([
    ['a teacher over a region', 'teacher', { kind: 'region', id: 'region-91' }],
    ['a regional operator over a school', 'regional_operator', school],
    ['a class teacher over a school', 'class_teacher', school],
  ] as const)('refuses %s', (_case, role, scope) =>
    given([])
      .when({ type: 'GrantRole', personId: 'p-1', grantId: 'gr-2', role, scope })
      .thenRefuses('IDENTITY.SCOPE_NOT_ALLOWED'),
  );
  it('has nothing to revoke', () =>
    given([])
      .when({ type: 'RevokeRole', personId: 'p-1', grantId: 'gr-1' })
      .thenRefuses('IDENTITY.UNKNOWN_GRANT'));
});

describe('a teacher of school 17', () => {
  it('changes nothing when granted the same role again under a new id', () =>
    given([granted])
      .when({
        type: 'GrantRole',
        personId: 'p-1',
        grantId: 'gr-9',
        role: 'teacher',
        scope: { id: 'school-17', kind: 'school' },
      })
      .then([]));
  it('is also granted the role in another school', () =>
    given([granted])
      .when({
        type: 'GrantRole',
        personId: 'p-1',
        grantId: 'gr-2',
        role: 'teacher',
        scope: { kind: 'school', id: 'school-18' },
      })
      .then([
        {
          type: 'RoleGranted',
          data: {
            grantId: 'gr-2',
            personId: 'p-1',
            role: 'teacher',
            scope: { kind: 'school', id: 'school-18' },
          },
        },
      ]));
  it('has the grant revoked', () =>
    given([granted])
      .when({ type: 'RevokeRole', personId: 'p-1', grantId: 'gr-1' })
      .then([{ type: 'RoleRevoked', data: { grantId: 'gr-1', personId: 'p-1' } }]));
});
