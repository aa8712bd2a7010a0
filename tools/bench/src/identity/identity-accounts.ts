import { randomUUID } from 'node:crypto';

const YEAR_START = (() => {
  const now = new Date();
  const first = now.getUTCMonth() >= 7 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return { first, academicYear: `${first}/${first + 1}` };
})();

type Call = (
  method: string,
  url: string,
  body?: unknown,
  token?: string,
  csv?: string,
) => Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Requests as a client sends them: every command with an `Idempotency-Key` of its own. */
export function caller(baseUrl: string): Call {
  return async (method, url, body, token, csv) => {
    const headers: Record<string, string> = {
      'content-type': csv ? 'text/csv' : 'application/json',
    };
    if (token) headers['authorization'] = `Bearer ${token}`;
    if (method !== 'GET') headers['idempotency-key'] = randomUUID();
    const response = await fetch(`${baseUrl}${url}`, {
      method,
      headers,
      body: csv ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    if (response.status >= 400)
      throw new Error(`${method} ${url} answered ${response.status}: ${text}`);
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
}

export const passwordOf = (index: number) => `bench-password-${index}`;
export const loginOf = (index: number) => `teacher-${index}`;

/** A school with `count` teachers, each activated with a login and password (through the API). */
export async function seedTeachers(
  call: Call,
  bootstrapCode: string,
  count: number,
): Promise<void> {
  await call('POST', '/auth/activate', {
    code: bootstrapCode,
    login: 'operator',
    password: 'operator-password-1',
  });
  const operator = (
    await call('POST', '/auth/sign-in', { login: 'operator', password: 'operator-password-1' })
  ).body.access_token;
  const { first, academicYear } = YEAR_START;
  await call('POST', '/municipalities', { municipalityId: 'mun-bench' }, operator);
  await call(
    'POST',
    '/schools',
    { schoolId: 'school-bench', municipalityId: 'mun-bench', timeZone: 'Europe/Simferopol' },
    operator,
  );
  const periods = [
    { number: 1, startsOn: `${first}-09-01`, endsOn: `${first}-12-27` },
    { number: 2, startsOn: `${first + 1}-01-09`, endsOn: `${first + 1}-05-31` },
  ];
  await call(
    'PUT',
    '/schools/school-bench/calendar',
    {
      academicYear,
      startsOn: `${first}-09-01`,
      endsOn: `${first + 1}-05-31`,
      periodKind: 'halves',
      periods,
      holidays: [],
    },
    operator,
  );
  const rows = Array.from(
    { length: count },
    (_, index) => `сотрудник;T-${index};Учитель;Номер${'абвгдежзик'[index % 10]};;;;учитель`,
  );
  const csv = ['Тип;Ключ;Фамилия;Имя;Отчество;Дата рождения;Класс;Роли', ...rows].join('\n');
  const imported = await call(
    'POST',
    `/schools/school-bench/roster-imports?academicYear=${academicYear}`,
    undefined,
    operator,
    csv,
  );
  const byKey = new Map<string, string>(
    imported.body.people.map((p: { key: string; personId: string }) => [p.personId, p.key]),
  );
  const codes = await call(
    'POST',
    '/schools/school-bench/activation-codes',
    { personIds: [...byKey.keys()] },
    operator,
  );
  for (const { personId, code } of codes.body.codes as { personId: string; code: string }[]) {
    const index = Number(byKey.get(personId)?.slice(2));
    await call('POST', '/auth/activate', {
      code,
      login: loginOf(index),
      password: passwordOf(index),
    });
  }
}
