import type { TestApp } from './identity-test-app';
import { BOOTSTRAP_CODE } from './identity-test-app';

/** Activates the bootstrap operator and signs in: an access token of the regional operator. */
export async function operatorToken(test: TestApp): Promise<string> {
  const activated = await test.call('POST', '/auth/activate', {
    body: { code: BOOTSTRAP_CODE, login: 'operator', password: 'operator-password-1' },
  });
  if (activated.status !== 204 && activated.status !== 401)
    throw new Error(`activation answered ${activated.status}`);
  return signIn(test, 'operator', 'operator-password-1');
}

export async function signIn(test: TestApp, login: string, password: string): Promise<string> {
  const response = await test.call('POST', '/auth/sign-in', { body: { login, password } });
  if (response.status !== 200)
    throw new Error(
      `sign-in of ${login} answered ${response.status}: ${JSON.stringify(response.body)}`,
    );
  return response.body.access_token;
}

/** The academic year in progress (September to May), so specs keep working in later years. */
export function currentYear(now = new Date()) {
  const first = now.getUTCMonth() >= 7 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return {
    academicYear: `${first}/${first + 1}`,
    startsOn: `${first}-09-01`,
    endsOn: `${first + 1}-05-31`,
    firstPeriodEnds: `${first}-12-27`,
    secondPeriodStarts: `${first + 1}-01-09`,
    autumnDay: `${first}-10-01`,
    springDay: `${first + 1}-02-01`,
  };
}

/** A municipality, a school and its calendar in halves for the academic year in progress. */
export async function seedSchool(
  test: TestApp,
  token: string,
  schoolId = 'school-17',
  municipalityId = 'mun-simferopol',
) {
  const year = currentYear();
  const ok = (response: { status: number; body: unknown }) => {
    if (response.status >= 300)
      throw new Error(`seed answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  ok(await test.call('POST', '/municipalities', { token, body: { municipalityId } }));
  ok(
    await test.call('POST', '/schools', {
      token,
      body: { schoolId, municipalityId, timeZone: 'Europe/Simferopol' },
    }),
  );
  ok(
    await test.call('PUT', `/schools/${schoolId}/calendar`, {
      token,
      body: {
        academicYear: year.academicYear,
        startsOn: year.startsOn,
        endsOn: year.endsOn,
        periodKind: 'halves',
        periods: [
          { number: 1, startsOn: year.startsOn, endsOn: year.firstPeriodEnds },
          { number: 2, startsOn: year.secondPeriodStarts, endsOn: year.endsOn },
        ],
        holidays: [
          {
            startsOn: `${year.firstPeriodEnds.slice(0, 4)}-12-28`,
            endsOn: `${year.endsOn.slice(0, 4)}-01-08`,
            title: 'Зимние каникулы',
          },
        ],
      },
    }),
  );
}

export interface ImportedPerson {
  key: string;
  kind: string;
  personId: string;
}

/** Imports the fixture roster and activates every account (login = the key in lower case). */
export async function importAndActivate(
  test: TestApp,
  token: string,
  file: Buffer,
  schoolId = 'school-17',
): Promise<Map<string, ImportedPerson>> {
  const imported = await test.call(
    'POST',
    `/schools/${schoolId}/roster-imports?academicYear=${currentYear().academicYear}`,
    {
      token,
      body: file,
      headers: { 'content-type': 'text/csv' },
    },
  );
  if (imported.status !== 200)
    throw new Error(`import answered ${imported.status}: ${JSON.stringify(imported.body)}`);
  const people = new Map<string, ImportedPerson>(
    imported.body.people.map((person: ImportedPerson) => [person.key, person]),
  );
  const personIds = [...people.values()].map((person) => person.personId);
  const issued = await test.call('POST', `/schools/${schoolId}/activation-codes`, {
    token,
    body: { personIds },
  });
  for (const { personId, code } of issued.body.codes as { personId: string; code: string }[]) {
    const key = [...people.values()].find((person) => person.personId === personId)?.key ?? '';
    const activated = await test.call('POST', '/auth/activate', {
      body: { code, login: key.toLowerCase(), password: passwordOf(key) },
    });
    if (activated.status !== 204)
      throw new Error(`activation of ${key} answered ${activated.status}`);
  }
  return people;
}

export const passwordOf = (key: string) => `secret-${key.toLowerCase()}-2026`;
