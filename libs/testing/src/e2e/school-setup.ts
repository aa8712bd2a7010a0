import type { Answer, httpClient } from '../running-service';

type Call = ReturnType<typeof httpClient>;

export const expectStatus = (answer: Answer, status: number) => {
  if (answer.status !== status)
    throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
};

const day = (date: Date, days: number) =>
  new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * An academic year around today, whatever the date the suite runs on: the first period runs
 * to three weeks from now, so lessons of the last fortnight are in it and open.
 */
export function yearAroundToday(now = new Date()) {
  const first = now.getUTCMonth() >= 7 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  const firstPeriodEnds = day(now, 21);
  return {
    academicYear: `${first}/${first + 1}`,
    startYear: first,
    startsOn: `${first}-01-01`,
    endsOn: `${first + 1}-12-31`,
    firstPeriodEnds,
    secondPeriodStarts: day(now, 22),
    daysAgo: (days: number) => day(now, -days),
  };
}

const STAFF = [
  'сотрудник;S-1;Петрова;Ольга;Николаевна;;;учитель;;;;;',
  'сотрудник;S-2;Кузнецова;Нина;;;;учитель;;;;;',
  'сотрудник;S-3;Смирнов;Игорь;;;7А;классный руководитель;;;;;',
  'сотрудник;S-4;Волкова;Елена;;;;завуч;;;;;',
  'сотрудник;S-5;Орлов;Павел;;;;директор;;;;;',
];

/** School 17: classes 7А (five pupils) and 7Б (one), a parent, teachers, deputy head, head. */
export const SCHOOL_17 = [
  'класс;C-7A;;;;;7А;;;;;;',
  'класс;C-7B;;;;;7Б;;;;;;',
  'ученик;P-1;Ершов;Пётр;Ильич;02.02.2013;7А;;;;;;',
  'ученик;P-2;Ёлкина;Анна;Сергеевна;15.03.2013;7А;;;;;;',
  'ученик;P-3;Евдокимов;Глеб;;20.05.2013;7А;;;;;;',
  'ученик;P-4;Жуков;Олег;;11.11.2012;7А;;;;;;',
  'ученик;P-5;Абрамова;Вера;;01.01.2013;7А;;;;;;',
  'ученик;P-6;Белов;Юрий;;05.06.2013;7Б;;;;;;',
  'родитель;G-1;Ёлкина;Мария;Ивановна;;;;P-2;мать;;;',
  ...STAFF,
];

/** School 18: one class, one teacher (who must not reach school 17's journals). */
export const SCHOOL_18 = [
  'класс;C-5A;;;;;5А;;;;;;',
  'ученик;Q-1;Исаев;Лев;;01.02.2015;5А;;;;;;',
  'сотрудник;T-1;Громова;Дина;;;;учитель;;;;;',
];

export const POLICY = {
  correctionWindowDays: 3,
  afterWindowAuthorisedBy: ['deputy_head', 'head'],
  afterPeriodClosedAuthorisedBy: ['head'],
  orderRequired: true,
  markScales: ['five_point', 'pass_fail'],
  workTypeWeights: [
    { workType: 'classwork', weight: 1 },
    { workType: 'test', weight: 2 },
  ],
  averaging: { method: 'weighted', decimals: 2, rounding: 'half_up' },
};

/**
 * Activates the regional operator with identity's one-time bootstrap code and signs in, until
 * the token carries the operator's grant: identity projects the bootstrap grant from its event,
 * and a sign-in right after start-up has been seen to get a token without it (then a 403).
 */
export async function signInOperator(call: Call, bootstrapCode: string): Promise<string> {
  const credentials = { login: 'operator', password: 'operator-password-1' };
  expectStatus(
    await call('POST', '/auth/activate', { json: { code: bootstrapCode, ...credentials } }),
    204,
  );
  const session = await eventually(
    () => call('POST', '/auth/sign-in', { json: credentials }),
    (answer) =>
      answer.status === 200 && !grantsInclude(answer.body?.access_token, 'regional_operator'),
  );
  return expectStatus(session, 200).access_token;
}

/** Whether an access token's grants (its payload, not verified here) name the role. */
const grantsInclude = (token: unknown, role: string) =>
  typeof token === 'string' &&
  Buffer.from(token.split('.')[1] ?? '', 'base64url')
    .toString('utf8')
    .includes(`"role":"${role}"`);

/** The calendar `registerSchool` sets: two halves around today. */
export const calendarOf = (year: ReturnType<typeof yearAroundToday>) => ({
  academicYear: year.academicYear,
  startsOn: year.startsOn,
  endsOn: year.endsOn,
  periodKind: 'halves',
  periods: [
    { number: 1, startsOn: year.startsOn, endsOn: year.firstPeriodEnds },
    { number: 2, startsOn: year.secondPeriodStarts, endsOn: year.endsOn },
  ],
  holidays: [],
});

/** Registers a school with its calendar and rules through identity's API, as the operator. */
export async function registerSchool(
  call: Call,
  operator: string,
  schoolId: string,
  year: ReturnType<typeof yearAroundToday>,
  municipalityId = 'mun-e2e',
) {
  expectStatus(
    await call('POST', '/schools', {
      token: operator,
      json: { schoolId, municipalityId, timeZone: 'Europe/Simferopol' },
    }),
    201,
  );
  const calendar = calendarOf(year);
  expectStatus(
    await call('PUT', `/schools/${schoolId}/calendar`, { token: operator, json: calendar }),
    200,
  );
  expectStatus(
    await call('POST', `/schools/${schoolId}/policies`, {
      token: operator,
      json: { ...POLICY, effectiveFrom: year.startsOn },
    }),
    201,
  );
}

/** Activates every imported person and signs each in: key → access token. */
export async function signInEveryone(
  call: Call,
  operator: string,
  schoolId: string,
  people: Map<string, string>,
): Promise<Map<string, string>> {
  // A roster import answers once identity's read models hold it, or after 5 s with them
  // lagging (a neighbour's long transaction holds the safe order back): until then the people
  // are of no school yet, and the codes are refused as out of scope.
  const issued = expectStatus(
    await eventually(
      () =>
        call('POST', `/schools/${schoolId}/activation-codes`, {
          token: operator,
          json: { personIds: [...people.values()] },
        }),
      (answer) => answer.body?.code === 'IDENTITY.PERSON_OUT_OF_SCOPE',
      60_000,
    ),
    200,
  );
  const tokens = new Map<string, string>();
  for (const { personId, code } of issued.codes as { personId: string; code: string }[]) {
    const key = [...people].find(([, id]) => id === personId)?.[0] ?? '';
    const login = key.toLowerCase();
    const password = `pass-${key}-long`;
    expectStatus(await call('POST', '/auth/activate', { json: { code, login, password } }), 204);
    const session = await call('POST', '/auth/sign-in', { json: { login, password } });
    tokens.set(key, expectStatus(session, 200).access_token);
  }
  return tokens;
}

/** Retries until `probe` answers something other than a "not yet" status (facts in transit). */
export async function eventually(
  probe: () => Promise<Answer>,
  notYet: (answer: Answer) => boolean,
  withinMs = 20_000,
): Promise<Answer> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const answer = await probe();
    if (!notYet(answer) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
