import { createTestDatabase } from '@ejournal/testing';
import { Client } from 'pg';
import { currentYear, operatorToken, seedSchool } from '../testing/identity-client';
import { rosterFile } from '../testing/roster-fixture';
import { identityTestApp, type TestApp } from '../testing/identity-test-app';

describe('identity: every command needs an Idempotency-Key, and a retry gets the first answer', () => {
  let test: TestApp;
  let token: string;

  beforeAll(async () => {
    test = await identityTestApp(await createTestDatabase('identity idempotent replies'));
    token = await operatorToken(test);
    await seedSchool(test, token);
  }, 60_000);
  afterAll(() => test?.close());

  const school = (schoolId: string, idempotencyKey?: string | null) =>
    test.call('POST', '/schools', {
      token,
      body: { schoolId, municipalityId: 'mun-simferopol', timeZone: 'Europe/Simferopol' },
      idempotencyKey,
    });
  const exists = async (schoolId: string) =>
    (await test.call('GET', `/schools/${schoolId}`, { token })).status === 200;

  it('refuses a command without a key with 428, and changes nothing', async () => {
    const refused = await school('school-keyless', null);
    expect(refused).toMatchObject({
      status: 428,
      body: { code: 'HTTP.IDEMPOTENCY_KEY_REQUIRED', title: 'A precondition is required' },
    });
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(await exists('school-keyless')).toBe(false);
    expect((await school('school-keyless')).status).toBe(201);
    expect(await exists('school-keyless')).toBe(true);
  });

  it('refuses a malformed key with 400 before anything runs', async () => {
    expect(await school('school-bad-key', 'short')).toMatchObject({
      status: 400,
      body: { code: 'HTTP.INVALID_IDEMPOTENCY_KEY' },
    });
    expect(await exists('school-bad-key')).toBe(false);
  });

  const grant = (id: string, idempotencyKey?: string) =>
    test.call('POST', `/people/${test.operatorId}/grants`, {
      token,
      body: { role: 'auditor', scope: { kind: 'school', id } },
      idempotencyKey,
    });

  it('answers a retry with the first answer, not with what running it again would say', async () => {
    const key = 'retry-of-grant-1';
    const first = await grant('school-17', key);
    expect(first).toMatchObject({
      status: 201,
      body: { changed: true, grantId: expect.any(String) },
    });
    // Run again, the command would say it changed nothing; the retry gets the first answer.
    expect(await grant('school-17', key)).toEqual({ ...first, headers: expect.anything() });
    expect(await grant('school-17')).toMatchObject({
      status: 201,
      body: { changed: false, grantId: null },
    });
  });

  it('runs one of several requests sent at once with one key; the others wait their turn (409) or get its answer', async () => {
    const key = 'concurrent-grant-1';
    const answers = await Promise.all(Array.from({ length: 8 }, () => grant('school-18', key)));
    const done = answers.filter((answer) => answer.status !== 409);
    expect(done.length).toBeGreaterThanOrEqual(1);
    for (const answer of done) {
      expect(answer).toMatchObject({ status: 201, body: { changed: true } });
      expect(answer.body).toEqual(done[0]?.body);
    }
    for (const answer of answers.filter((each) => each.status === 409)) {
      expect(answer.body).toMatchObject({ code: 'HTTP.IDEMPOTENCY_KEY_IN_PROGRESS' });
    }
    expect(await grant('school-18', key)).toMatchObject({ status: 201, body: done[0]?.body });
  });

  it('answers 409 while a claim is held, and takes over a claim whose request died', async () => {
    const key = 'claimed-by-a-dead-replica';
    const client = new Client({ connectionString: test.database.url });
    await client.connect();
    try {
      // What a replica killed mid-request leaves: the key claimed, no answer.
      await client.query(
        `INSERT INTO identity.idempotent_replies (caller, route, key, body_hash, answer, state)
         SELECT caller, route, $1, body_hash, NULL, 'pending' FROM identity.idempotent_replies
          WHERE key = 'concurrent-grant-1'`,
        [key],
      );
      const held = await grant('school-18', key);
      expect(held).toMatchObject({
        status: 409,
        body: { code: 'HTTP.IDEMPOTENCY_KEY_IN_PROGRESS' },
      });
      expect(held.headers['content-type']).toContain('application/problem+json');
      await client.query(
        `UPDATE identity.idempotent_replies SET recorded_at = now() - interval '2 minutes'
          WHERE key = $1`,
        [key],
      );
      const taken = await grant('school-18', key);
      expect(taken).toMatchObject({ status: 201, body: { changed: false } });
      const { rows } = await client.query<{ state: string }>(
        'SELECT state FROM identity.idempotent_replies WHERE key = $1',
        [key],
      );
      expect(rows).toEqual([{ state: 'answered' }]);
    } finally {
      await client.end();
    }
  });

  it('refuses the same key with another body: 422 IDENTITY.IDEMPOTENCY_KEY_REUSED', async () => {
    const key = 'reused-key-of-school-1';
    expect((await school('school-kerch', key)).status).toBe(201);
    expect(await school('school-feodosia', key)).toMatchObject({
      status: 422,
      body: { code: 'IDENTITY.IDEMPOTENCY_KEY_REUSED' },
    });
    expect(await exists('school-feodosia')).toBe(false);
  });

  it('decides a refused request again when it is retried', async () => {
    const key = 'refused-then-done-1';
    const school = {
      schoolId: 'school-late',
      municipalityId: 'mun-late',
      timeZone: 'Europe/Moscow',
    };
    const early = await test.call('POST', '/schools', { token, body: school, idempotencyKey: key });
    expect(early).toMatchObject({ status: 404, body: { code: 'IDENTITY.UNKNOWN_MUNICIPALITY' } });
    const late = { token, body: { municipalityId: 'mun-late' } };
    expect((await test.call('POST', '/municipalities', late)).status).toBe(201);
    const retried = await test.call('POST', '/schools', {
      token,
      body: school,
      idempotencyKey: key,
    });
    expect(retried).toMatchObject({ status: 201, body: { schoolId: 'school-late' } });
  });

  it('keeps answers sealed: one-time codes replayed to the caller, never stored in clear', async () => {
    const imported = `/schools/school-17/roster-imports?academicYear=${currentYear().academicYear}`;
    const people = await test.call('POST', imported, {
      token,
      body: rosterFile(['сотрудник;K-1;Ключева;Анна;;;;учитель;;;;;']),
      headers: { 'content-type': 'text/csv' },
    });
    expect(people.status).toBe(200);
    const personIds = people.body.people.map((person: { personId: string }) => person.personId);
    const key = 'codes-for-k-1-0001';
    const issue = () =>
      test.call('POST', '/schools/school-17/activation-codes', {
        token,
        body: { personIds },
        idempotencyKey: key,
      });
    const first = await issue();
    expect(first.status).toBe(200);
    const [{ code }] = first.body.codes;
    expect(await issue()).toMatchObject({ status: 200, body: first.body });
    const client = new Client({ connectionString: test.database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ answer: Buffer }>(
        'SELECT answer FROM identity.idempotent_replies WHERE key = $1',
        [key],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]?.answer.toString('latin1')).not.toContain(code);
    } finally {
      await client.end();
    }
  });

  it('needs no key to sign in, refresh or read', async () => {
    const signIn = await test.call('POST', '/auth/sign-in', {
      body: { login: 'operator', password: 'operator-password-1' },
      idempotencyKey: null,
    });
    expect(signIn.status).toBe(200);
    const batch = await test.call('POST', '/people/batch', {
      token,
      body: { personIds: [test.operatorId] },
      idempotencyKey: null,
    });
    expect(batch.status).toBe(200);
  });
});
