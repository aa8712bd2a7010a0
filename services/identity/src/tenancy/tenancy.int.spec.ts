import { currentYear, operatorToken, seedSchool } from '../testing/identity-client';
import { createTestDatabase } from '@ejournal/testing';
import { identityTestApp, type TestApp } from '../testing/identity-test-app';

const year = currentYear();

describe('tenancy over HTTP', () => {
  let test: TestApp;
  let token: string;
  beforeAll(async () => {
    test = await identityTestApp(await createTestDatabase('identity tenancy'));
    token = await operatorToken(test);
  }, 60_000);
  afterAll(() => test?.close());

  it('registers a school with its time zone and calendar, readable by its members', async () => {
    await seedSchool(test, token);
    const school = await test.call('GET', '/schools/school-17', { token });
    expect(school).toMatchObject({
      status: 200,
      body: {
        schoolId: 'school-17',
        timeZone: 'Europe/Simferopol',
        municipalityId: 'mun-simferopol',
      },
    });
    const calendar = await test.call(
      'GET',
      `/schools/school-17/calendar?academicYear=${year.academicYear}`,
      {
        token,
      },
    );
    expect(calendar.body).toMatchObject({
      periodKind: 'halves',
      periods: [{ number: 1 }, { number: 2 }],
    });
  });

  it('refuses a school in an unknown municipality with IDENTITY.UNKNOWN_MUNICIPALITY', async () => {
    const response = await test.call('POST', '/schools', {
      token,
      body: { schoolId: 'school-99', municipalityId: 'nowhere', timeZone: 'Europe/Moscow' },
    });
    expect(response).toMatchObject({
      status: 404,
      body: { code: 'IDENTITY.UNKNOWN_MUNICIPALITY' },
    });
  });

  it('refuses an invalid time zone at the edge with a pointer to the field', async () => {
    const response = await test.call('POST', '/schools', {
      token,
      body: { schoolId: 'school-98', municipalityId: 'mun-simferopol', timeZone: 'Mars/Olympus' },
    });
    expect(response).toMatchObject({
      status: 400,
      body: { code: 'IDENTITY.INVALID_REQUEST', errors: [{ pointer: '/timeZone' }] },
    });
  });

  it('publishes versioned policies; the current one depends on the date', async () => {
    const policy = {
      effectiveFrom: year.startsOn,
      correctionWindowDays: 3,
      afterWindowAuthorisedBy: ['deputy_head'],
      afterPeriodClosedAuthorisedBy: ['head'],
      orderRequired: true,
      markScales: ['five_point'],
      workTypeWeights: [{ workType: 'classwork', weight: 1 }],
      averaging: { method: 'weighted', decimals: 2, rounding: 'half_up' },
    };
    const first = await test.call('POST', '/schools/school-17/policies', { token, body: policy });
    expect(first.body).toMatchObject({ published: true, policy: { policyVersion: 1 } });
    expect(
      (await test.call('POST', '/schools/school-17/policies', { token, body: policy })).body,
    ).toMatchObject({ published: false });
    await test.call('POST', '/schools/school-17/policies', {
      token,
      body: { ...policy, effectiveFrom: year.secondPeriodStarts, correctionWindowDays: 5 },
    });
    const all = await test.call('GET', '/schools/school-17/policies', { token });
    expect(all.body.map((p: { policyVersion: number }) => p.policyVersion)).toEqual([2, 1]);
    const autumn = await test.call(
      'GET',
      `/schools/school-17/policies/current?on=${year.autumnDay}`,
      {
        token,
      },
    );
    expect(autumn.body).toMatchObject({ policyVersion: 1, correctionWindowDays: 3 });
    const spring = await test.call(
      'GET',
      `/schools/school-17/policies/current?on=${year.springDay}`,
      {
        token,
      },
    );
    expect(spring.body).toMatchObject({ policyVersion: 2, correctionWindowDays: 5 });
  });
});
