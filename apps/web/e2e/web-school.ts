import {
  eventually,
  expectStatus,
  registerSchool,
  rosterFile,
  signInOperator,
  yearAroundToday,
  type httpClient,
} from '@ejournal/testing';

type Call = ReturnType<typeof httpClient>;

export const SCHOOL = 'school-web';

const SURNAMES = [
  'Абрамова',
  'Белов',
  'Васильева',
  'Григорьев',
  'Дмитриева',
  'Ершов',
  'Ёлкина',
  'Жуков',
  'Зайцева',
  'Ильин',
  'Козлова',
  'Лебедев',
  'Морозова',
  'Новиков',
  'Орлова',
  'Павлов',
  'Романова',
  'Соколов',
  'Тимофеева',
  'Уткин',
  'Фёдорова',
  'Харитонов',
  'Цветкова',
  'Чернов',
  'Шарова',
  'Щукин',
  'Эмина',
  'Юдин',
  'Яковлева',
  'Антонов',
];

/** Class 7А of thirty pupils (P-1…P-30), P-1's mother, a teacher, a deputy head, the head, an auditor. */
const GIVEN = ['Анна', 'Пётр', 'Мария', 'Глеб', 'Вера', 'Олег'];

export const PUPILS = SURNAMES.map((surname, index) => ({
  key: `P-${index + 1}`,
  name: `${surname} ${GIVEN[index % GIVEN.length]}`,
}));

const ROSTER = [
  'класс;C-7A;;;;;7А;;;;;;',
  ...PUPILS.map((p) => {
    const [surname, given] = p.name.split(' ');
    return `ученик;${p.key};${surname};${given};;01.02.2013;7А;;;;;;`;
  }),
  'родитель;G-1;Абрамова;Мария;Ивановна;;;;P-1;мать;;;',
  'сотрудник;S-1;Петрова;Ольга;Николаевна;;;учитель;;;;;',
  'сотрудник;S-4;Волкова;Елена;;;;завуч;;;;;',
  'сотрудник;S-5;Орлов;Павел;;;;директор;;;;;',
  'сотрудник;A-1;Контролёва;Инна;;;;учитель;;;;;',
];

export const passwordOf = (key: string) => `pass-${key}-long`;
export const loginOf = (key: string) => key.toLowerCase();

/**
 * The school through identity's API as the region's operator sets it up; the people who use
 * the browser activate their accounts (login = key in lower case); A-1 is made the region's
 * auditor; the mother consents to notifications; the deputy head opens two journals.
 */
export async function setUpSchool(
  platform: { identity: Call; journal: Call; diary: Call },
  bootstrapCode: string,
) {
  const { identity: id } = platform;
  const year = yearAroundToday();
  const operator = await signInOperator(id, bootstrapCode);
  const as = { token: operator };
  expectStatus(
    await id('POST', '/municipalities', { ...as, json: { municipalityId: 'mun-e2e' } }),
    201,
  );
  await registerSchool(id, operator, SCHOOL, year);
  const url = `/schools/${SCHOOL}/roster-imports?academicYear=${year.academicYear}`;
  const imported = expectStatus(await id('POST', url, { ...as, csv: rosterFile(ROSTER) }), 200);
  const people = new Map<string, string>(
    imported.people.map((p: { key: string; personId: string }) => [p.key, p.personId]),
  );
  const person = (key: string) => people.get(key) ?? '';
  const users = ['S-1', 'S-4', 'S-5', 'G-1', 'A-1'];
  const issued = expectStatus(
    await id('POST', `/schools/${SCHOOL}/activation-codes`, {
      ...as,
      json: { personIds: users.map(person) },
    }),
    200,
  );
  for (const { personId, code } of issued.codes as { personId: string; code: string }[]) {
    const key = users.find((k) => person(k) === personId) ?? '';
    const credentials = { code, login: loginOf(key), password: passwordOf(key) };
    expectStatus(await id('POST', '/auth/activate', { json: credentials }), 204);
  }
  expectStatus(
    await id('POST', `/people/${person('A-1')}/grants`, {
      ...as,
      json: { role: 'auditor', scope: { kind: 'region', id: 'region-91' } },
    }),
    201,
  );
  const tokenOf = async (key: string) =>
    expectStatus(
      await id('POST', '/auth/sign-in', {
        json: { login: loginOf(key), password: passwordOf(key) },
      }),
      200,
    ).access_token as string;
  const tokens = {
    teacher: await tokenOf('S-1'),
    deputy: await tokenOf('S-4'),
    parent: await tokenOf('G-1'),
  };
  expectStatus(
    await id('POST', '/consents', {
      token: tokens.parent,
      json: { subjectId: person('P-1'), purpose: 'diary_notifications' },
    }),
    200,
  );
  const classes = expectStatus(
    await id('GET', `/schools/${SCHOOL}/classes?academicYear=${year.academicYear}`, as),
    200,
  );
  const open = async (subjectId: string) => {
    const opened = await eventually(
      () =>
        platform.journal('POST', '/journals', {
          token: tokens.deputy,
          json: {
            schoolId: SCHOOL,
            academicYear: year.academicYear,
            groupId: classes.classes[0].classId,
            kind: 'lesson',
            subjectId,
            scale: 'five_point',
            teacherIds: [person('S-1')],
          },
        }),
      (answer) => answer.status === 412 || answer.body?.code === 'JOURNAL.UNKNOWN_GROUP',
      30_000,
    );
    return expectStatus(opened, 201).journalId as string;
  };
  const math = await open('subject-math');
  const physics = await open('subject-physics');
  // The teacher's list is a read model: wait until it holds both journals.
  await eventually(
    () => platform.journal('GET', '/teachers/me/journals', { token: tokens.teacher }),
    (answer) => answer.status !== 200 || answer.body.journals.length < 2,
    30_000,
  );
  // The diary reads P-1's week for the mother once identity's facts (link, consent) reached it.
  expectStatus(
    await eventually(
      () => platform.diary('GET', `/pupils/${person('P-1')}/diary`, { token: tokens.parent }),
      (answer) => answer.status !== 200,
      30_000,
    ),
    200,
  );
  return { year, people, person, tokens, journals: { math, physics } };
}

/**
 * A year's lessons of one subject recorded over the journal's API by the teacher (four at a
 * time): each with marks for a fifth of the class; waits until the journal's grid holds them.
 */
export async function recordYearOfLessons(
  platform: { identity: Call; journal: Call },
  school: Awaited<ReturnType<typeof setUpSchool>>,
  journalId: string,
  count = 170,
): Promise<void> {
  const pupils = PUPILS.map((p) => school.person(p.key));
  const lessonOf = (i: number) => ({
    date: school.year.daysAgo(30 + Math.floor(i / 12)),
    slot: (i % 12) + 1,
    topic: `Тема ${i + 1}`,
    homework: null,
    entries: pupils
      .filter((_, p) => (p + i) % 5 === 0)
      .map((pupilId, p) => ({
        pupilId,
        marks: [{ value: String(((i + p) % 5) + 1), workType: 'classwork' }],
      })),
  });
  // A token of its own: the school's may be close to its 10 minutes on a loaded machine.
  const credentials = { login: loginOf('S-1'), password: passwordOf('S-1') };
  const signedIn = await platform.identity('POST', '/auth/sign-in', { json: credentials });
  const as = { token: expectStatus(signedIn, 200).access_token as string };
  let version = 0;
  const next = { lesson: 0 };
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let i = next.lesson++; i < count; i = next.lesson++) {
        const path = `/journals/${journalId}/lessons`;
        const answer = await platform.journal('POST', path, { ...as, json: lessonOf(i) });
        version = Math.max(version, expectStatus(answer, 201).version);
      }
    }),
  );
  // The read models catch up with the store (atLeastVersion waits 2 s at most).
  const read = await eventually(
    () => platform.journal('GET', `/journals/${journalId}/grid?atLeastVersion=${version}`, as),
    (answer) => answer.status !== 200 || answer.body.lessons.length < count,
    60_000,
  );
  if (expectStatus(read, 200).lessons.length !== count)
    throw new Error(`the grid holds ${read.body.lessons.length} lessons, not ${count}`);
}
