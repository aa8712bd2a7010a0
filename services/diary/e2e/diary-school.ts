import {
  expectStatus,
  registerSchool,
  rosterFile,
  SCHOOL_18,
  signInEveryone,
  signInOperator,
  yearAroundToday,
  type httpClient,
} from '@ejournal/testing';

type Call = ReturnType<typeof httpClient>;

export const SCHOOL = 'school-17';
export const OTHER_SCHOOL = 'school-18';

/**
 * Class 7А with two pupils. P-1's guardians: G-1 consents to notifications, G-3 consented but
 * the link ends today, G-4 never consents; G-2 is P-2's parent (and consents). A teacher, the
 * deputy head who opens journals. School 18 (SCHOOL_18) gets a deputy head, T-2, beside its
 * teacher T-1.
 */
const ROSTER = [
  'класс;C-7A;;;;;7А;;;;;;',
  'ученик;P-1;Ершов;Пётр;Ильич;02.02.2013;7А;;;;;;',
  'ученик;P-2;Ёлкина;Анна;Сергеевна;15.03.2013;7А;;;;;;',
  'родитель;G-1;Ершова;Мария;Ивановна;;;;P-1;мать;;;',
  'родитель;G-2;Ёлкин;Сергей;;;;;P-2;отец;;;',
  'родитель;G-3;Ершов;Илья;;;;;P-1;отец;;;',
  'родитель;G-4;Ершова;Зоя;;;;;P-1;опекун;;;',
  'сотрудник;S-1;Петрова;Ольга;Николаевна;;;учитель;;;;;',
  'сотрудник;S-4;Волкова;Елена;;;;завуч;;;;;',
];

/**
 * Both schools through identity's API as the region's operator sets them up: calendars,
 * rules, rosters, accounts; the guardians' consents given by themselves; G-3's link ended by
 * the operator today (the last fact, so a diary that has it has all the others).
 */
export async function setUpSchools(id: Call, bootstrapCode: string) {
  const year = yearAroundToday();
  const operator = await signInOperator(id, bootstrapCode);
  const tokens = new Map<string, string>([['operator', operator]]);
  const people = new Map<string, string>();
  const as = { token: operator };
  expectStatus(
    await id('POST', '/municipalities', { ...as, json: { municipalityId: 'mun-e2e' } }),
    201,
  );
  for (const [schoolId, rows] of [
    [SCHOOL, ROSTER],
    [OTHER_SCHOOL, [...SCHOOL_18, 'сотрудник;T-2;Лебедева;Дарья;;;;завуч;;;;;']],
  ] as const) {
    await registerSchool(id, operator, schoolId, year);
    const url = `/schools/${schoolId}/roster-imports?academicYear=${year.academicYear}`;
    const imported = expectStatus(await id('POST', url, { ...as, csv: rosterFile(rows) }), 200);
    const ids = new Map<string, string>(
      imported.people.map((p: { key: string; personId: string }) => [p.key, p.personId]),
    );
    for (const [key, personId] of ids) people.set(key, personId);
    for (const [key, token] of await signInEveryone(id, operator, schoolId, ids))
      tokens.set(key, token);
  }
  const person = (key: string) => people.get(key) ?? '';
  for (const [guardian, pupil] of [
    ['G-1', 'P-1'],
    ['G-2', 'P-2'],
    ['G-3', 'P-1'],
  ]) {
    const consent = { subjectId: person(pupil ?? ''), purpose: 'diary_notifications' };
    expectStatus(
      await id('POST', '/consents', { token: tokens.get(guardian ?? ''), json: consent }),
      200,
    );
  }
  expectStatus(
    await id('POST', `/pupils/${person('P-1')}/guardians/${person('G-3')}/end`, {
      ...as,
      json: { onDate: year.daysAgo(0), reason: 'court_order' },
    }),
    200,
  );
  return { year, tokens, people, person };
}
