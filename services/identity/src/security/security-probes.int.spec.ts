import { AUTHZ_AUDIT, type AuthzAudit, type DeniedAccess } from '@ejournal/auth';
import { SignJWT, generateKeyPair } from 'jose';
import { KeyRing } from '../keys/key-ring';
import {
  currentYear,
  importAndActivate,
  operatorToken,
  passwordOf,
  seedSchool,
  signIn,
  type ImportedPerson,
} from '../testing/identity-client';
import { createTestDatabase } from '@ejournal/testing';
import { identityTestApp, type TestApp } from '../testing/identity-test-app';
import { ROSTER_ROWS, rosterFile } from '../testing/roster-fixture';

const ROWS = [...ROSTER_ROWS, 'сотрудник;S-3;Кузнецова;Нина;;;7Б;классный руководитель;;;;;'];

describe('security probes', () => {
  let test: TestApp;
  let operator: string;
  let people: Map<string, ImportedPerson>;
  const denials: DeniedAccess[] = [];
  const id = (key: string) => people.get(key)?.personId ?? '';
  const tokenOf = (key: string) => signIn(test, key.toLowerCase(), passwordOf(key));
  beforeAll(async () => {
    test = await identityTestApp(await createTestDatabase('identity security'));
    operator = await operatorToken(test);
    await seedSchool(test, operator);
    await seedSchool(test, operator, 'school-18');
    people = await importAndActivate(test, operator, rosterFile(ROWS));
    const audit = test.app.get<symbol, AuthzAudit>(AUTHZ_AUDIT);
    jest.spyOn(audit, 'denied').mockImplementation((event) => void denials.push(event));
  }, 60_000);
  afterAll(() => test?.close());
  beforeEach(() => (denials.length = 0));

  const ringToken = async (claims: Record<string, unknown>, issuedAt: number, lifetime = 300) => {
    const { kid, privateKey } = test.app.get(KeyRing).signingKey();
    return new SignJWT({
      kind: 'user',
      grants: [{ role: 'regional_operator', scope: { kind: 'region', id: 'region-91' } }],
      ...claims,
    })
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt' })
      .setIssuer(test.config.AUTH_ISSUER)
      .setAudience(String(claims['aud'] ?? test.config.AUTH_AUDIENCE))
      .setSubject(test.operatorId)
      .setJti('probe')
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + lifetime)
      .sign(privateKey);
  };
  const now = () => Math.floor(Date.now() / 1000);

  describe('401: tokens that must not authenticate', () => {
    it('a tampered token (grants widened after signing)', async () => {
      const teacher = await tokenOf('S-3');
      const [header, payload, signature] = teacher.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      claims.grants = [{ role: 'regional_operator', scope: { kind: 'region', id: 'region-91' } }];
      const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
      expect(await test.call('GET', '/schools/school-18', { token: forged })).toMatchObject({
        status: 401,
        body: { code: 'AUTH.TOKEN_INVALID' },
      });
    });

    it('an expired token', async () => {
      const expired = await ringToken({}, now() - 900);
      expect(await test.call('GET', '/me', { token: expired })).toMatchObject({
        status: 401,
        body: { code: 'AUTH.TOKEN_EXPIRED' },
      });
    });

    it('a token for another audience', async () => {
      const other = await ringToken({ aud: 'another-system' }, now());
      expect(await test.call('GET', '/me', { token: other })).toMatchObject({
        status: 401,
        body: { code: 'AUTH.TOKEN_WRONG_AUDIENCE' },
      });
    });

    it('a token signed by a key identity never published, under a new or a published key id', async () => {
      const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      const published = test.app.get(KeyRing).signingKey().kid;
      for (const [kid, code] of [
        ['rogue-key', 'AUTH.UNKNOWN_KEY'],
        [published, 'AUTH.TOKEN_INVALID'],
      ]) {
        const rogue = await new SignJWT({ kind: 'user', grants: [] })
          .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt' })
          .setIssuer(test.config.AUTH_ISSUER)
          .setAudience(test.config.AUTH_AUDIENCE)
          .setSubject(test.operatorId)
          .setJti('rogue')
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(privateKey);
        expect(await test.call('GET', '/me', { token: rogue })).toMatchObject({
          status: 401,
          body: { code },
        });
      }
    });
  });

  describe('valid tokens outside their scope, each audited: 404 as unknown, or 403 in their school', () => {
    it('a teacher of school 17 reading the calendar of school 18: as an unknown school', async () => {
      const token = await tokenOf('S-1');
      const response = await test.call('GET', '/schools/school-18/calendar', { token });
      expect(response).toMatchObject({ status: 404, body: { code: 'IDENTITY.UNKNOWN_SCHOOL' } });
      expect(denials).toEqual([
        expect.objectContaining({
          subject: id('S-1'),
          url: '/schools/school-18/calendar',
          reason: 'AUTH.OUT_OF_SCOPE',
          answered: 'IDENTITY.UNKNOWN_SCHOOL',
        }),
      ]);
      const unknown = await test.call('GET', '/schools/school-99/calendar', { token });
      expect({ ...unknown.body, instance: '' }).toEqual({ ...response.body, instance: '' });
    });

    it('a class teacher of 7Б reading the roster of 7А', async () => {
      const sevenA = await test.call('GET', `/classes/${await classIdOf(test, '7А')}/roster`, {
        token: await tokenOf('S-3'),
      });
      expect(sevenA).toMatchObject({ status: 403, body: { code: 'AUTH.OUT_OF_SCOPE' } });
      expect(denials).toHaveLength(1);
    });

    it('a parent reading another child', async () => {
      const response = await test.call('GET', `/people/${id('P-1')}`, {
        token: await tokenOf('G-1'),
      });
      expect(response).toMatchObject({
        status: 403,
        body: { code: 'IDENTITY.PERSON_OUT_OF_SCOPE' },
      });
      expect(denials).toEqual([
        expect.objectContaining({ subject: id('G-1'), reason: 'IDENTITY.PERSON_OUT_OF_SCOPE' }),
      ]);
      const own = await test.call('GET', `/people/${id('P-2')}`, { token: await tokenOf('G-1') });
      expect(own).toMatchObject({ status: 200, body: { surname: 'Ёлкина' } });
    });

    it('a guardian whose link has ended', async () => {
      const father = await tokenOf('G-2');
      expect((await test.call('GET', `/people/${id('P-1')}`, { token: father })).status).toBe(200);
      const ended = await test.call('POST', `/pupils/${id('P-1')}/guardians/${id('G-2')}/end`, {
        token: operator,
        body: { onDate: currentYear().startsOn, reason: 'court_order' },
      });
      expect(ended.status).toBe(200);
      const response = await test.call('GET', `/people/${id('P-1')}`, { token: father });
      expect(response).toMatchObject({
        status: 403,
        body: { code: 'IDENTITY.PERSON_OUT_OF_SCOPE' },
      });
      expect(denials).toHaveLength(1);
    });
  });
});

async function classIdOf(test: TestApp, label: string): Promise<string> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: test.database.url });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT class_id FROM identity.classes WHERE grade || letter = $1',
      [label],
    );
    return rows[0].class_id;
  } finally {
    await client.end();
  }
}
