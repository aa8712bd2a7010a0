import { createTestDatabase } from '@ejournal/testing';
import { decodeJwt } from 'jose';
import {
  currentYear,
  importAndActivate,
  operatorToken,
  passwordOf,
  seedSchool,
  signIn,
  type ImportedPerson,
} from '../testing/identity-client';
import { identityTestApp, type TestApp } from '../testing/identity-test-app';
import { rosterFile } from '../testing/roster-fixture';

const year = currentYear();
const day = (offset: number) =>
  new Date(Date.parse(`${year.startsOn}T00:00:00Z`) + offset * 86_400_000)
    .toISOString()
    .slice(0, 10);

describe('enrolment history, groups and grants over HTTP', () => {
  let test: TestApp;
  let operator: string;
  let people: Map<string, ImportedPerson>;
  const id = (key: string) => people.get(key)?.personId ?? '';
  const surnames = (answer: { body: { pupils: { surname: string }[] } }) =>
    answer.body.pupils.map((pupil) => pupil.surname);

  beforeAll(async () => {
    test = await identityTestApp(await createTestDatabase('identity enrolment'));
    operator = await operatorToken(test);
    await seedSchool(test, operator);
    await seedSchool(test, operator, 'school-18');
    people = await importAndActivate(test, operator, rosterFile());
  }, 60_000);
  afterAll(() => test?.close());

  it('keeps the roster of any day: a transfer between schools and a withdrawal leave the past intact', async () => {
    const opened = await test.call('POST', '/schools/school-18/classes', {
      token: operator,
      body: { academicYear: year.academicYear, grade: 7, letter: 'В' },
    });
    expect(opened.status).toBe(201);
    const sevenA = await classOf(test, operator, '7А');
    const moved = await test.call('POST', `/pupils/${id('P-1')}/transfer`, {
      token: operator,
      body: { classId: opened.body.classId, onDate: day(30), orderRef: 'МО-5' },
    });
    expect(moved.body).toMatchObject({ schoolId: 'school-18', changed: true });
    expect(
      surnames(
        await test.call('GET', `/classes/${sevenA}/roster?on=${day(29)}`, { token: operator }),
      ),
    ).toContain('Ершов');
    expect(
      surnames(
        await test.call('GET', `/classes/${sevenA}/roster?on=${day(30)}`, { token: operator }),
      ),
    ).not.toContain('Ершов');
    expect(
      surnames(
        await test.call('GET', `/classes/${opened.body.classId}/roster?on=${day(30)}`, {
          token: operator,
        }),
      ),
    ).toEqual(['Ершов']);
    const back = await test.call('POST', `/pupils/${id('P-1')}/transfer`, {
      token: operator,
      body: { classId: sevenA, onDate: day(10) },
    });
    expect(back).toMatchObject({ status: 422, body: { code: 'IDENTITY.DATE_BEFORE_LAST_CHANGE' } });
    const withdrawn = await test.call('POST', `/pupils/${id('P-1')}/withdraw`, {
      token: operator,
      body: { onDate: day(60), reason: 'moved_away' },
    });
    expect(withdrawn.status).toBe(201);
    expect(
      surnames(
        await test.call('GET', `/classes/${opened.body.classId}/roster?on=${day(60)}`, {
          token: operator,
        }),
      ),
    ).toEqual([]);
    const outside = await test.call('POST', `/pupils/${id('P-1')}/enrol`, {
      token: operator,
      body: { classId: sevenA, onDate: `${year.endsOn.slice(0, 4)}-07-01` },
    });
    expect(outside).toMatchObject({
      status: 422,
      body: { code: 'IDENTITY.DATE_OUTSIDE_ACADEMIC_YEAR' },
    });
  });

  it('forms an ad-hoc group of pupils from several classes, with dated membership', async () => {
    const group = await test.call('POST', '/schools/school-17/groups', {
      token: operator,
      body: { academicYear: year.academicYear, kind: 'club', title: 'Робототехника' },
    });
    expect(group.status).toBe(201);
    const groupId = group.body.groupId;
    for (const key of ['P-2', 'P-4']) {
      expect(
        (
          await test.call('POST', `/groups/${groupId}/members`, {
            token: operator,
            body: { pupilId: id(key), fromDate: day(7) },
          })
        ).status,
      ).toBe(201);
    }
    await test.call('POST', `/groups/${groupId}/members/${id('P-4')}/removal`, {
      token: operator,
      body: { onDate: day(40) },
    });
    expect(
      surnames(
        await test.call('GET', `/groups/${groupId}/roster?on=${day(8)}`, { token: operator }),
      ),
    ).toEqual(['Ёлкина', 'Жуков']);
    expect(
      surnames(
        await test.call('GET', `/groups/${groupId}/roster?on=${day(40)}`, { token: operator }),
      ),
    ).toEqual(['Ёлкина']);
    const stranger = await test.call('POST', `/groups/${groupId}/members`, {
      token: operator,
      body: { pupilId: id('G-1'), fromDate: day(7) },
    });
    expect(stranger).toMatchObject({ status: 422, body: { code: 'IDENTITY.PUPIL_NOT_IN_SCHOOL' } });
  });

  it('grants and revokes roles; the next token carries the change, a municipal grant as its schools', async () => {
    const granted = await test.call('POST', `/people/${id('S-2')}/grants`, {
      token: operator,
      body: { role: 'municipal_operator', scope: { kind: 'municipality', id: 'mun-simferopol' } },
    });
    expect(granted.body).toMatchObject({ changed: true });
    const claims = decodeJwt(await signIn(test, 's-2', passwordOf('S-2')));
    expect(claims['grants']).toEqual(
      expect.arrayContaining([
        { role: 'municipal_operator', scope: { kind: 'school', id: 'school-17' } },
        { role: 'municipal_operator', scope: { kind: 'school', id: 'school-18' } },
      ]),
    );
    const admin = await signIn(test, 's-2', passwordOf('S-2'));
    const regional = await test.call('POST', `/people/${id('S-1')}/grants`, {
      token: admin,
      body: { role: 'regional_operator', scope: { kind: 'region', id: 'region-91' } },
    });
    expect(regional).toMatchObject({ status: 403, body: { code: 'AUTH.OUT_OF_SCOPE' } });
    const revoked = await test.call(
      'DELETE',
      `/people/${id('S-2')}/grants/${granted.body.grantId}`,
      { token: operator },
    );
    expect(revoked.status).toBe(200);
    const after = decodeJwt(await signIn(test, 's-2', passwordOf('S-2')));
    expect(JSON.stringify(after['grants'])).not.toContain('municipal_operator');
  });
});

async function classOf(test: TestApp, token: string, label: string): Promise<string> {
  const roster = await test.call('GET', '/schools/school-17/classes', { token });
  return roster.body.classes.find((klass: { label: string }) => klass.label === label).classId;
}
