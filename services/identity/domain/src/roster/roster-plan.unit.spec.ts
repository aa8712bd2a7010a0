import { nameKey, type RosterFacts } from './roster-facts';
import type { PersonalData } from './roster-person';
import { planRoster } from './roster-plan';
import type { RosterRow } from './roster-row';

const person = (
  surname: string,
  givenName: string,
  birthDate: string | null = null,
): PersonalData => ({
  surname,
  givenName,
  patronymic: null,
  birthDate,
  email: null,
  phone: null,
});
const anna = person('Ёлкина', 'Анна', '2013-03-15');
const rows: RosterRow[] = [
  { line: 2, kind: 'class', key: 'C-7A', grade: 7, letter: 'А' },
  {
    line: 3,
    kind: 'pupil',
    key: 'P-1',
    personId: null,
    person: anna,
    classLabel: '7А',
    enrolledOn: null,
  },
  {
    line: 4,
    kind: 'guardian',
    key: 'G-1',
    personId: null,
    person: person('Ёлкина', 'Мария'),
    children: ['P-1'],
    relation: 'mother',
  },
  {
    line: 5,
    kind: 'staff',
    key: 'S-1',
    personId: null,
    person: person('Петров', 'Иван'),
    roles: ['teacher', 'class_teacher'],
    classLabel: '7А',
  },
];

function facts(change: Partial<RosterFacts> = {}): RosterFacts {
  let next = 0;
  return {
    schoolId: 'school-17',
    academicYear: '2026/2027',
    year: { startsOn: '2026-09-01', endsOn: '2027-05-31' },
    keys: new Map(),
    classes: new Map(),
    knownPeople: new Map(),
    namesakes: new Map(),
    newId: () => `id-${++next}`,
    ...change,
  };
}

describe('planRoster', () => {
  it('plans a new school: classes, people, enrolments, links until coming of age, grants', () => {
    const { plan, errors, warnings } = planRoster(rows, facts());
    expect([errors, warnings]).toEqual([[], []]);
    expect(plan.classes).toEqual([
      { line: 2, key: 'C-7A', classId: 'id-1', grade: 7, letter: 'А', newKey: true },
    ]);
    expect(plan.people.map((p) => [p.key, p.personId, p.newKey])).toEqual([
      ['P-1', 'id-2', true],
      ['G-1', 'id-3', true],
      ['S-1', 'id-4', true],
    ]);
    expect(plan.enrolments).toEqual([
      { line: 3, pupilId: 'id-2', classId: 'id-1', onDate: '2026-09-01' },
    ]);
    expect(plan.guardianships).toEqual([
      {
        line: 4,
        guardianId: 'id-3',
        pupilId: 'id-2',
        relation: 'mother',
        validFrom: '2026-09-01',
        validUntil: '2031-03-15',
      },
    ]);
    expect(plan.grants.map((g) => [g.personId, g.role, g.scope])).toEqual([
      ['id-2', 'pupil', { kind: 'school', id: 'school-17' }],
      ['id-4', 'teacher', { kind: 'school', id: 'school-17' }],
      ['id-4', 'class_teacher', { kind: 'class', id: 'id-1', schoolId: 'school-17' }],
      ['id-3', 'parent', { kind: 'school', id: 'school-17' }],
    ]);
  });

  it('keeps the ids of keys already imported, so a re-import plans the same facts', () => {
    const keys = new Map([
      ['C-7A', { kind: 'class' as const, id: 'class-1' }],
      ['P-1', { kind: 'pupil' as const, id: 'pupil-1' }],
      ['G-1', { kind: 'guardian' as const, id: 'guardian-1' }],
      ['S-1', { kind: 'staff' as const, id: 'staff-1' }],
    ]);
    const { plan } = planRoster(rows, facts({ keys, classes: new Map([['7А', 'class-1']]) }));
    expect(plan.people.every((p) => !p.newKey)).toBe(true);
    expect(plan.enrolments[0]).toMatchObject({ pupilId: 'pupil-1', classId: 'class-1' });
    expect(plan.classes[0]).toMatchObject({ classId: 'class-1', newKey: false });
  });

  it.each<[string, RosterRow[], Partial<RosterFacts>, string]>([
    [
      'a repeated key',
      [...rows, { ...(rows[1] as RosterRow), line: 6 } as RosterRow],
      {},
      'IDENTITY.IMPORT_DUPLICATE_KEY',
    ],
    [
      'the same pupil twice under two keys',
      [...rows, { ...(rows[1] as RosterRow), line: 6, key: 'P-9' } as RosterRow],
      {},
      'IDENTITY.IMPORT_DUPLICATE_PERSON',
    ],
    [
      'a pupil of an unknown class',
      [{ ...(rows[1] as RosterRow), classLabel: '9Б' } as RosterRow],
      {},
      'IDENTITY.IMPORT_UNKNOWN_CLASS',
    ],
    [
      'an enrolment outside the year',
      [rows[0] as RosterRow, { ...(rows[1] as RosterRow), enrolledOn: '2027-06-15' } as RosterRow],
      {},
      'IDENTITY.DATE_OUTSIDE_ACADEMIC_YEAR',
    ],
    [
      'a guardian of an unknown child',
      [{ ...(rows[2] as RosterRow), children: ['P-404'] } as RosterRow],
      {},
      'IDENTITY.IMPORT_UNKNOWN_CHILD',
    ],
    [
      'a key of a pupil reused for staff',
      [rows[3] as RosterRow],
      { keys: new Map([['S-1', { kind: 'pupil' as const, id: 'x' }]]) },
      'IDENTITY.IMPORT_KEY_KIND_CHANGED',
    ],
    [
      'a person id whose names do not match',
      [
        {
          ...(rows[1] as RosterRow),
          personId: '0190a6b8-5c1e-7a3b-9c1d-2e3f4a5b6c7d',
        } as RosterRow,
      ],
      {},
      'IDENTITY.IMPORT_PERSON_MISMATCH',
    ],
  ])('reports %s', (_case, input, change, code) => {
    expect(planRoster(input, facts(change)).errors.map((e) => e.code)).toContain(code);
  });

  it('warns about a namesake elsewhere in the region, and links a pupil given by id', () => {
    const namesakes = new Map([[nameKey(anna), ['pupil-elsewhere']]]);
    expect(planRoster(rows, facts({ namesakes })).warnings).toEqual([
      expect.objectContaining({
        line: 3,
        code: 'IDENTITY.IMPORT_POSSIBLE_DUPLICATE',
        message: expect.stringContaining('pupil-elsewhere'),
      }),
    ]);
    const id = '0190a6b8-5c1e-7a3b-9c1d-2e3f4a5b6c7d';
    const moving = rows.map((row) =>
      row.key === 'P-1' ? ({ ...row, personId: id } as RosterRow) : row,
    );
    const known = facts({
      namesakes: new Map([[nameKey(anna), [id]]]),
      knownPeople: new Map([[id, { ...anna, surname: 'Елкина' }]]),
    });
    const { plan, errors, warnings } = planRoster(moving, known);
    expect([errors, warnings]).toEqual([[], []]);
    expect(plan.people[0]).toMatchObject({ personId: id, newKey: true });
  });
});
