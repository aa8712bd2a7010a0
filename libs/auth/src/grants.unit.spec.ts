import { findGrant, scopeContains, schoolsWithRole, type Grant } from './grants';

const region: Grant = { role: 'auditor', scope: { kind: 'region', id: 'region-91' } };
const school: Grant = { role: 'teacher', scope: { kind: 'school', id: 'school-1' } };
const klass: Grant = {
  role: 'class_teacher',
  scope: { kind: 'class', id: 'class-7a', schoolId: 'school-1' },
};

describe('scopeContains', () => {
  it.each([
    [
      'a region grant, a school of its region',
      region,
      { regionId: 'region-91', schoolId: 's-9' },
      true,
    ],
    ['a region grant, another region', region, { regionId: 'region-77' }, false],
    ['a school grant, its school', school, { regionId: 'region-91', schoolId: 'school-1' }, true],
    [
      'a school grant, a class of its school',
      school,
      { schoolId: 'school-1', classId: 'c-1' },
      true,
    ],
    ['a school grant, another school', school, { schoolId: 'school-2' }, false],
    ['a school grant, a target without a school', school, { regionId: 'region-91' }, false],
    ['a class grant, its class', klass, { schoolId: 'school-1', classId: 'class-7a' }, true],
    ['a class grant, another class', klass, { schoolId: 'school-1', classId: 'class-7b' }, false],
    [
      'a class grant, its class id under another school',
      klass,
      { schoolId: 'school-2', classId: 'class-7a' },
      false,
    ],
    ['a class grant, the whole school', klass, { schoolId: 'school-1' }, false],
  ])('%s → %s', (_case, grant, target, expected) => {
    expect(scopeContains(grant.scope, target)).toBe(expected);
  });
});

describe('findGrant', () => {
  const grants = [school, klass];

  it('needs the role and the scope in the same grant', () => {
    expect(
      findGrant(grants, ['class_teacher'], { schoolId: 'school-1', classId: 'class-7a' }),
    ).toBe(klass);
    expect(
      findGrant(grants, ['class_teacher'], { schoolId: 'school-1', classId: 'class-9b' }),
    ).toBeUndefined();
    expect(findGrant(grants, ['head'], { schoolId: 'school-1' })).toBeUndefined();
  });
});

describe('schoolsWithRole', () => {
  it('lists the schools and regions a role is held in', () => {
    expect(
      schoolsWithRole([region, school, klass], ['teacher', 'class_teacher', 'auditor']),
    ).toEqual({
      regions: ['region-91'],
      schools: ['school-1', 'school-1'],
    });
  });
});
