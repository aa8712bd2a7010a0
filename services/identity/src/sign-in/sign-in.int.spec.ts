import { createTestDatabase } from '@ejournal/testing';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { Client } from 'pg';
import {
  currentYear,
  importAndActivate,
  operatorToken,
  passwordOf,
  seedSchool,
  type ImportedPerson,
} from '../testing/identity-client';
import { identityTestApp, type TestApp } from '../testing/identity-test-app';
import { ROSTER_ROWS, rosterFile } from '../testing/roster-fixture';

describe('sign-in, sessions and accounts', () => {
  let test: TestApp;
  let operator: string;
  let people: Map<string, ImportedPerson>;
  const signIn = (login: string, password: string) =>
    test.call('POST', '/auth/sign-in', { body: { login, password } });
  const id = (key: string) => people.get(key)?.personId ?? '';

  beforeAll(async () => {
    test = await identityTestApp(await createTestDatabase('identity sign-in'), {
      LOCKOUT_THRESHOLD: '3',
    });
    operator = await operatorToken(test);
    await seedSchool(test, operator);
    people = await importAndActivate(test, operator, rosterFile());
  }, 60_000);
  afterAll(() => test?.close());

  it('stores argon2id hashes with the configured parameters, never the password', async () => {
    const client = new Client({ connectionString: test.database.url });
    await client.connect();
    const { rows } = await client.query(
      "SELECT password_hash FROM identity.accounts WHERE login = 's-1'",
    );
    await client.end();
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(rows[0].password_hash).not.toContain(passwordOf('S-1'));
  });

  it('issues a ten-minute EdDSA access token carrying the list of grants', async () => {
    const response = await signIn('S-1', passwordOf('S-1'));
    expect(response).toMatchObject({
      status: 200,
      body: { token_type: 'Bearer', expires_in: 300 },
    });
    const header = decodeProtectedHeader(response.body.access_token);
    const claims = decodeJwt(response.body.access_token);
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'at+jwt' });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBeLessThanOrEqual(600);
    expect(claims).toMatchObject({ sub: id('S-1'), aud: 'ejournal', kind: 'user' });
    expect(claims['grants']).toEqual(
      expect.arrayContaining([
        { role: 'teacher', scope: { kind: 'school', id: 'school-17' } },
        {
          role: 'class_teacher',
          scope: { kind: 'class', id: expect.any(String), schoolId: 'school-17' },
        },
      ]),
    );
  });

  it('answers a wrong password and an unknown login alike', async () => {
    const wrong = await signIn('s-2', 'not-the-password');
    const unknown = await signIn('nobody', 'not-the-password');
    expect(wrong).toMatchObject({
      status: 401,
      body: { code: 'IDENTITY.INVALID_CREDENTIALS', detail: unknown.body.detail },
    });
    expect(unknown).toMatchObject({ status: 401, body: { code: 'IDENTITY.INVALID_CREDENTIALS' } });
  });

  it('locks an account after repeated failures, even against the right password', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1)
      expect((await signIn('p-5', 'guess-number-x')).status).toBe(401);
    const locked = await signIn('p-5', passwordOf('P-5'));
    expect(locked).toMatchObject({ status: 429, body: { code: 'IDENTITY.ACCOUNT_LOCKED' } });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
  });

  it('rotates refresh tokens, and a reused one revokes the whole session', async () => {
    const first = (await signIn('g-1', passwordOf('G-1'))).body.refresh_token;
    const second = await test.call('POST', '/auth/refresh', { body: { refresh_token: first } });
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first);
    const replay = await test.call('POST', '/auth/refresh', { body: { refresh_token: first } });
    expect(replay).toMatchObject({ status: 401, body: { code: 'IDENTITY.REFRESH_TOKEN_REUSED' } });
    const revoked = await test.call('POST', '/auth/refresh', {
      body: { refresh_token: second.body.refresh_token },
    });
    expect(revoked).toMatchObject({
      status: 401,
      body: { code: 'IDENTITY.REFRESH_TOKEN_INVALID' },
    });
  });

  it('signs out by revoking the session', async () => {
    const session = (await signIn('g-2', passwordOf('G-2'))).body.refresh_token;
    expect(
      (await test.call('POST', '/auth/sign-out', { body: { refresh_token: session } })).status,
    ).toBe(204);
    expect(
      (await test.call('POST', '/auth/refresh', { body: { refresh_token: session } })).status,
    ).toBe(401);
  });

  it('deactivation revokes refresh tokens and refuses sign-in', async () => {
    const session = (await signIn('p-4', passwordOf('P-4'))).body.refresh_token;
    expect(
      (await test.call('POST', `/people/${id('P-4')}/deactivate`, { token: operator })).status,
    ).toBe(204);
    expect(
      await test.call('POST', '/auth/refresh', { body: { refresh_token: session } }),
    ).toMatchObject({ status: 401, body: { code: 'IDENTITY.REFRESH_TOKEN_INVALID' } });
    expect(await signIn('p-4', passwordOf('P-4'))).toMatchObject({
      status: 401,
      body: { code: 'IDENTITY.ACCOUNT_INACTIVE' },
    });
  });

  it('resets a password with a one-time code, ending every session', async () => {
    const session = (await signIn('p-3', passwordOf('P-3'))).body.refresh_token;
    const issued = await test.call('POST', '/schools/school-17/password-reset-codes', {
      token: operator,
      body: { personIds: [id('P-3')] },
    });
    expect(issued.headers['cache-control']).toBe('no-store');
    const code = issued.body.codes[0].code;
    expect(
      (
        await test.call('POST', '/auth/reset-password', {
          body: { code, password: 'a-brand-new-password' },
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await test.call('POST', '/auth/reset-password', {
          body: { code, password: 'another-new-password' },
        })
      ).status,
    ).toBe(401);
    expect(
      (await test.call('POST', '/auth/refresh', { body: { refresh_token: session } })).status,
    ).toBe(401);
    expect((await signIn('p-3', 'a-brand-new-password')).status).toBe(200);
  });

  it('refuses a login that is taken', async () => {
    const rows = [...ROSTER_ROWS, 'сотрудник;S-9;Новикова;Ада;;;;учитель;;;;;'];
    const imported = await test.call(
      'POST',
      `/schools/school-17/roster-imports?academicYear=${currentYear().academicYear}`,
      {
        token: operator,
        body: rosterFile(rows),
        headers: { 'content-type': 'text/csv' },
      },
    );
    const newcomer = imported.body.people.find(
      (person: ImportedPerson) => person.key === 'S-9',
    ).personId;
    const issued = await test.call('POST', '/schools/school-17/activation-codes', {
      token: operator,
      body: { personIds: [newcomer] },
    });
    const code = issued.body.codes[0].code;
    const taken = await test.call('POST', '/auth/activate', {
      body: { code, login: 'S-1', password: 'long-enough-pass' },
    });
    expect(taken).toMatchObject({ status: 409, body: { code: 'IDENTITY.LOGIN_TAKEN' } });
    expect(
      (
        await test.call('POST', '/auth/activate', {
          body: { code, login: 'novikova', password: 'long-enough-pass' },
        })
      ).status,
    ).toBe(204);
  });

  it('issues no activation code for an active account and refuses an unknown code', async () => {
    const issued = await test.call('POST', '/schools/school-17/activation-codes', {
      token: operator,
      body: { personIds: [id('P-1')] },
    });
    expect(issued.body).toEqual({ codes: [], skipped: [id('P-1')] });
    expect(
      await test.call('POST', '/auth/activate', {
        body: { code: 'AAAA-BBBB-CCCC', login: 'new-login', password: 'long-enough-pass' },
      }),
    ).toMatchObject({
      status: 401,
      body: { code: 'IDENTITY.CODE_INVALID' },
    });
  });

  it('gives service accounts client-credential tokens with their fixed grants', async () => {
    const registered = await test.call('POST', '/service-accounts', {
      token: operator,
      body: { clientId: 'journal' },
    });
    expect(registered.status).toBe(201);
    const token = await test.call('POST', '/auth/token', {
      body: {
        grant_type: 'client_credentials',
        client_id: 'journal',
        client_secret: registered.body.clientSecret,
      },
    });
    expect(decodeJwt(token.body.access_token)).toMatchObject({
      sub: 'service:journal',
      kind: 'service',
      grants: [{ role: 'service', scope: { kind: 'region', id: 'region-91' } }],
    });
    const recipients = await test.call('GET', `/pupils/${id('P-2')}/notification-recipients`, {
      token: token.body.access_token,
    });
    expect(recipients.status).toBe(200);
    const wrong = await test.call('POST', '/auth/token', {
      body: {
        grant_type: 'client_credentials',
        client_id: 'journal',
        client_secret: 'x'.repeat(43),
      },
    });
    expect(wrong).toMatchObject({ status: 401, body: { code: 'IDENTITY.INVALID_CLIENT' } });
  });
});
