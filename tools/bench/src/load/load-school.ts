import {
  expectStatus,
  registerSchool,
  rosterFile,
  signInOperator,
  yearAroundToday,
  type httpClient,
} from '@ejournal/testing';
import { SCHOOL_ID } from '../journal/school';
import { runConcurrently } from '../measure';

type Call = ReturnType<typeof httpClient>;

// The journal bench's helpers (openJournals) open journals in this school.
export const LOAD_SCHOOL = SCHOOL_ID;
const LETTERS = 'АБВГДЕЖИКЛ';
const SYLLABLES = ['ба', 'ве', 'го', 'ду', 'жи', 'зо', 'ка', 'ле', 'ми', 'но', 'пу', 'ре'];

/** A distinct Cyrillic surname for every n (identity refuses the same person twice). */
const surname = (prefix: string, n: number) => {
  let name = '';
  for (let rest = n; ; rest = Math.floor(rest / SYLLABLES.length)) {
    name += SYLLABLES[rest % SYLLABLES.length];
    if (rest < SYLLABLES.length) break;
  }
  return `${prefix}${name}ова`;
};

export interface Account {
  personId: string;
  login: string;
  password: string;
}

export interface LoadClass {
  classId: string;
  teacher: Account;
  pupils: string[];
}

export interface LoadSchool {
  year: ReturnType<typeof yearAroundToday>;
  classes: LoadClass[];
  /** One parent per pupil, in the pupils' order. */
  parents: { account: Account; pupilId: string }[];
  deputyHead: Account;
  operator: string;
}

function roster(classes: number, pupilsPerClass: number): string[] {
  const rows = ['сотрудник;D-1;Волкова;Елена;;;;завуч;;;;;'];
  for (let c = 0; c < classes; c += 1) {
    const label = `${(c % 11) + 1}${LETTERS[Math.floor(c / 11)]}`;
    rows.push(`класс;C-${c};;;;;${label};;;;;;`);
    rows.push(`сотрудник;T-${c};${surname('Учи', c)};Ольга;;;;учитель;;;;;`);
    for (let p = 0; p < pupilsPerClass; p += 1) {
      const n = c * pupilsPerClass + p;
      const born = `${String((p % 28) + 1).padStart(2, '0')}.0${(c % 9) + 1}.2013`;
      rows.push(`ученик;P-${c}-${p};${surname('Уче', n)};Анна;;${born};${label};;;;;;`);
      rows.push(`родитель;G-${c}-${p};${surname('Ро', n)};Мария;;;;;P-${c}-${p};мать;;;`);
    }
  }
  return rows;
}

/**
 * One school joining the region through identity's API as its operator does it: calendar and
 * rules (libs/testing's registerSchool), a roster import of `classes` classes of
 * `pupilsPerClass` pupils with a parent each, a teacher per class and a deputy head, then an
 * activation code and an activated account (login and password) for every adult.
 */
export async function enrolLoadSchool(
  id: Call,
  bootstrapCode: string,
  size: { classes: number; pupilsPerClass: number },
): Promise<LoadSchool> {
  const year = yearAroundToday();
  const operator = await signInOperator(id, bootstrapCode);
  const as = { token: operator };
  const municipality = { municipalityId: 'mun-load' };
  expectStatus(await id('POST', '/municipalities', { ...as, json: municipality }), 201);
  await registerSchool(id, operator, LOAD_SCHOOL, year, 'mun-load');
  const url = `/schools/${LOAD_SCHOOL}/roster-imports?academicYear=${year.academicYear}`;
  const csv = rosterFile(roster(size.classes, size.pupilsPerClass));
  const imported = expectStatus(await id('POST', url, { ...as, csv }), 200);
  const ids = new Map<string, string>(
    imported.people.map((p: { key: string; personId: string }) => [p.key, p.personId]),
  );
  const listed = expectStatus(await id('GET', `/schools/${LOAD_SCHOOL}/classes`, as), 200);
  const adults = [...ids].filter(([key]) => !key.startsWith('P-'));
  const accounts = await activate(id, operator, adults);
  const account = (key: string) => accounts.get(key) as Account;
  const classes = (listed.classes as { classId: string; grade: number; letter: string }[])
    .map((klass) => {
      const c = klass.grade - 1 + 11 * LETTERS.indexOf(klass.letter);
      const pupils = Array.from(
        { length: size.pupilsPerClass },
        (_, p) => ids.get(`P-${c}-${p}`) as string,
      );
      return { index: c, classId: klass.classId, teacher: account(`T-${c}`), pupils };
    })
    .sort((a, b) => a.index - b.index)
    .map(({ index: _index, ...klass }) => klass);
  const parents = classes.flatMap((klass, c) =>
    klass.pupils.map((pupilId, p) => ({ account: account(`G-${c}-${p}`), pupilId })),
  );
  return { year, classes, parents, deputyHead: account('D-1'), operator };
}

/** Codes for the adults, then each account activated with a login and password of its own. */
async function activate(id: Call, operator: string, adults: [string, string][]) {
  const issued = expectStatus(
    await id('POST', `/schools/${LOAD_SCHOOL}/activation-codes`, {
      token: operator,
      json: { personIds: adults.map(([, personId]) => personId) },
    }),
    200,
  );
  const keyOf = new Map(adults.map(([key, personId]) => [personId, key]));
  const codes = issued.codes as { personId: string; code: string }[];
  const accounts = new Map<string, Account>();
  await runConcurrently(4, codes.length, async (index) => {
    const { personId, code } = codes[index] as { personId: string; code: string };
    const key = keyOf.get(personId) as string;
    const account = { personId, login: key.toLowerCase(), password: `load-${key}-password` };
    const json = { code, login: account.login, password: account.password };
    expectStatus(await id('POST', '/auth/activate', { json }), 204);
    accounts.set(key, account);
  });
  return accounts;
}
