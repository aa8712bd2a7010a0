import {
  eventually,
  expectStatus,
  httpClient,
  registerSchool,
  rosterFile,
  signInEveryone,
  signInOperator,
  yearAroundToday,
} from '@ejournal/testing';
import type { Platform } from './platform';

export const SCHOOL = 'school-chaos';

/** One class of eight, two families who consent to notifications, two teachers, a deputy head. */
const ROSTER = [
  'класс;C-9A;;;;;9А;;;;;;',
  ...['Абрамов', 'Белова', 'Васильев', 'Громова', 'Данилов', 'Егорова', 'Жуков', 'Зайцева'].map(
    (surname, i) => `ученик;P-${i + 1};${surname};Имя;;01.02.2011;9А;;;;;;`,
  ),
  'родитель;G-1;Родитель;Мария;;;;;P-1;мать;;;',
  'родитель;G-2;Родитель;Сергей;;;;;P-2;отец;;;',
  'сотрудник;S-1;Петрова;Ольга;;;;учитель;;;;;',
  'сотрудник;S-2;Кузнецова;Нина;;;;учитель;;;;;',
  'сотрудник;S-4;Волкова;Елена;;;;завуч;;;;;',
];

export interface Journal {
  journalId: string;
  teacher: string;
}

export interface ChaosSchool {
  year: ReturnType<typeof yearAroundToday>;
  pupils: string[];
  /** guardian person id → the pupil whose marks she is notified of */
  guardians: Map<string, string>;
  journals: Journal[];
  tokens: Map<string, string>;
}

/** The school set up through identity's and the journal's public APIs, as people would. */
export async function setUpSchool(platform: Platform): Promise<ChaosSchool> {
  const id = httpClient(platform.baseUrl('identity'));
  const journal = httpClient(platform.baseUrl('journal'));
  const year = yearAroundToday();
  const operator = await signInOperator(id, 'CHAO-S000-0001');
  expectStatus(
    await id('POST', '/municipalities', { token: operator, json: { municipalityId: 'mun-e2e' } }),
    201,
  );
  await registerSchool(id, operator, SCHOOL, year);
  const imported = expectStatus(
    await id('POST', `/schools/${SCHOOL}/roster-imports?academicYear=${year.academicYear}`, {
      token: operator,
      csv: rosterFile(ROSTER),
    }),
    200,
  );
  const people = new Map<string, string>(
    imported.people.map((p: { key: string; personId: string }) => [p.key, p.personId]),
  );
  const person = (key: string) => people.get(key) ?? '';
  const tokens = await signInEveryone(id, operator, SCHOOL, people);
  const guardians = new Map<string, string>();
  for (const [guardian, pupil] of [
    ['G-1', 'P-1'],
    ['G-2', 'P-2'],
  ] as const) {
    const consent = { subjectId: person(pupil), purpose: 'diary_notifications' };
    expectStatus(
      await id('POST', '/consents', { token: tokens.get(guardian), json: consent }),
      200,
    );
    guardians.set(person(guardian), person(pupil));
  }
  const classes = expectStatus(
    await id('GET', `/schools/${SCHOOL}/classes?academicYear=${year.academicYear}`, {
      token: operator,
    }),
    200,
  );
  const journals: Journal[] = [];
  for (const [teacher, subjectId] of [
    ['S-1', 'subject-math'],
    ['S-1', 'subject-physics'],
    ['S-2', 'subject-history'],
    ['S-2', 'subject-russian'],
  ] as const) {
    // The journal learns the school, class and staff from identity's topic: retried until it has.
    const opened = await eventually(
      () =>
        journal('POST', '/journals', {
          token: tokens.get('S-4'),
          json: {
            schoolId: SCHOOL,
            academicYear: year.academicYear,
            groupId: classes.classes[0].classId,
            kind: 'lesson',
            subjectId,
            scale: 'five_point',
            teacherIds: [person(teacher)],
          },
        }),
      (answer) => answer.status !== 201,
      60_000,
    );
    journals.push({ journalId: expectStatus(opened, 201).journalId, teacher: teacher });
  }
  const pupils = Array.from({ length: 8 }, (_, i) => person(`P-${i + 1}`));
  return { year, pupils, guardians, journals, tokens };
}
