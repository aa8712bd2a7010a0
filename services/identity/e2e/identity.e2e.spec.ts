import { kafkaClient } from '@ejournal/messaging';
import { remoteJwks, TokenVerifier } from '@ejournal/auth';
import { createTestDatabase, testTopic, type TestDatabase } from '@ejournal/testing';
import { decodeProtectedHeader } from 'jose';
import { logLevel } from 'kafkajs';
import { Client } from 'pg';
import { currentYear } from '../src/testing/identity-client';
import { ROSTER_ROWS, rosterFile } from '../src/testing/roster-fixture';
import { client, startIdentity, type Answer, type RunningIdentity } from './running-identity';

const BOOTSTRAP = 'E2E0-BOOT-CODE';
const ROWS = [...ROSTER_ROWS, 'сотрудник;S-3;Кузнецова;Нина;;;7Б;классный руководитель;;;;;'];
const year = currentYear();

/**
 * The built identity service in a child process, driven over HTTP like a school's client:
 * a region sets up a school, imports its roster (Windows-1251), people activate their accounts
 * and sign in as each role, read what they may and are refused what they may not, keys rotate.
 */
describe('identity end to end', () => {
  const topic = testTopic('identity e2e');
  let database: TestDatabase;
  let service: RunningIdentity;
  let call: ReturnType<typeof client>;
  const summary: Record<string, unknown> = {};
  const probes: Record<string, number> = {};
  const tokens = new Map<string, string>();
  const ids = new Map<string, string>();
  const expectStatus = (answer: Answer, status: number) => {
    if (answer.status !== status)
      throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };

  beforeAll(async () => {
    database = await createTestDatabase('identity e2e');
    service = await startIdentity({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '',
      BOOTSTRAP_OPERATOR_CODE: BOOTSTRAP,
      IDENTITY_EVENTS_TOPIC: topic,
      IDENTITY_TOPIC_PARTITIONS: '1',
      KEY_ACTIVATION_DELAY_SECONDS: '0',
    });
    call = client(service.baseUrl);
  });
  afterAll(async () => {
    await service?.stop();
    await database?.drop();
    const admin = new Client({ connectionString: process.env['DATABASE_URL'] });
    await admin.connect();
    for (const suffix of ['app', 'owner', 'disposal'])
      await admin.query(`DROP ROLE IF EXISTS "${database.name}_${suffix}"`);
    await admin.end();
    await deleteTopics([topic, `${topic}.dlq`]);
    console.log(`identity e2e summary ${JSON.stringify(summary)}`);
  });

  it('sets up a school: the operator activates, registers it, its calendar and rules', async () => {
    expectStatus(
      await call('POST', '/auth/activate', {
        json: { code: BOOTSTRAP, login: 'operator', password: 'operator-password-1' },
      }),
      204,
    );
    tokens.set(
      'regional_operator',
      expectStatus(
        await call('POST', '/auth/sign-in', {
          json: { login: 'operator', password: 'operator-password-1' },
        }),
        200,
      ).access_token,
    );
    const operator = tokens.get('regional_operator');
    expectStatus(
      await call('POST', '/municipalities', {
        token: operator,
        json: { municipalityId: 'mun-simferopol' },
      }),
      201,
    );
    for (const schoolId of ['school-17', 'school-18']) {
      expectStatus(
        await call('POST', '/schools', {
          token: operator,
          json: { schoolId, municipalityId: 'mun-simferopol', timeZone: 'Europe/Simferopol' },
        }),
        201,
      );
      const calendar = {
        academicYear: year.academicYear,
        startsOn: year.startsOn,
        endsOn: year.endsOn,
        periodKind: 'halves',
        periods: [
          { number: 1, startsOn: year.startsOn, endsOn: year.firstPeriodEnds },
          { number: 2, startsOn: year.secondPeriodStarts, endsOn: year.endsOn },
        ],
        holidays: [],
      };
      expectStatus(
        await call('PUT', `/schools/${schoolId}/calendar`, { token: operator, json: calendar }),
        200,
      );
    }
    const policy = {
      effectiveFrom: year.startsOn,
      correctionWindowDays: 3,
      afterWindowAuthorisedBy: ['deputy_head'],
      afterPeriodClosedAuthorisedBy: ['head'],
      orderRequired: true,
      markScales: ['five_point', 'pass_fail'],
      workTypeWeights: [
        { workType: 'classwork', weight: 1 },
        { workType: 'test', weight: 2 },
      ],
      averaging: { method: 'weighted', decimals: 2, rounding: 'half_up' },
    };
    expect(
      expectStatus(
        await call('POST', '/schools/school-17/policies', { token: operator, json: policy }),
        201,
      ),
    ).toMatchObject({ policy: { policyVersion: 1 } });
  });

  it('imports the roster from a Windows-1251 file, twice: the second import changes nothing', async () => {
    const operator = tokens.get('regional_operator');
    const url = `/schools/school-17/roster-imports?academicYear=${year.academicYear}`;
    const first = expectStatus(
      await call('POST', url, { token: operator, csv: rosterFile(ROWS) }),
      200,
    );
    expect(first).toMatchObject({
      applied: true,
      encoding: 'windows-1251',
      changes: { peopleCreated: 10 },
    });
    for (const person of first.people) ids.set(person.key, person.personId);
    const again = expectStatus(
      await call('POST', url, { token: operator, csv: rosterFile(ROWS) }),
      200,
    );
    expect(again.changes).toMatchObject({ events: 0, peopleCreated: 0, peopleUpdated: 0 });
    const broken = await call('POST', url, {
      token: operator,
      csv: rosterFile([...ROWS, 'ученик;P-77;Орлов;Ян;;30.02.2013;7А;;;;;;']),
    });
    expect(broken).toMatchObject({
      status: 422,
      body: {
        code: 'IDENTITY.IMPORT_REJECTED',
        errors: [{ line: 14, code: 'IDENTITY.IMPORT_INVALID_DATE' }],
      },
    });
    summary['import'] = {
      rows: first.rows,
      events: first.changes.events,
      people: first.changes.peopleCreated,
      reimportEvents: again.changes.events,
      rejectedFileErrors: broken.body.errors.length,
    };
  });

  it('activates accounts with one-time codes and signs in as each role', async () => {
    const operator = tokens.get('regional_operator');
    const issued = expectStatus(
      await call('POST', '/schools/school-17/activation-codes', {
        token: operator,
        json: { personIds: [...ids.values()] },
      }),
      200,
    );
    expect(issued.codes).toHaveLength(ids.size);
    for (const { personId, code } of issued.codes) {
      const key = [...ids].find(([, id]) => id === personId)?.[0] ?? '';
      expectStatus(
        await call('POST', '/auth/activate', {
          json: { code, login: key.toLowerCase(), password: `pass-${key}-long` },
        }),
        204,
      );
    }
    const roles = {
      school_admin: 'S-2',
      teacher: 'S-1',
      class_teacher: 'S-3',
      parent: 'G-1',
      pupil: 'P-2',
    };
    for (const [role, key] of Object.entries(roles)) {
      tokens.set(
        role,
        expectStatus(
          await call('POST', '/auth/sign-in', {
            json: { login: key.toLowerCase(), password: `pass-${key}-long` },
          }),
          200,
        ).access_token,
      );
    }
    const registered = expectStatus(
      await call('POST', '/service-accounts', { token: operator, json: { clientId: 'diary' } }),
      201,
    );
    const service = await call('POST', '/auth/token', {
      json: {
        grant_type: 'client_credentials',
        client_id: 'diary',
        client_secret: registered.clientSecret,
      },
    });
    tokens.set('service', expectStatus(service, 200).access_token);
    summary['signedIn'] = [...tokens.keys()];
  });

  it('lets each role read what it may', async () => {
    const sevenA = await classIdOf(database, '7А');
    const reads: [string, string, string][] = [
      ['teacher', 'GET', `/classes/${sevenA}/roster`],
      ['teacher', 'GET', `/people/${ids.get('P-2')}`],
      ['school_admin', 'GET', '/schools/school-17/access-log'],
      ['parent', 'GET', `/people/${ids.get('P-2')}`],
      ['parent', 'GET', `/pupils/${ids.get('P-2')}/guardians`],
      ['pupil', 'GET', '/me'],
      ['pupil', 'GET', '/schools/school-17/calendar'],
      ['pupil', 'GET', '/schools/school-17/policies/current'],
      ['service', 'GET', `/pupils/${ids.get('P-2')}/notification-recipients`],
      ['regional_operator', 'GET', '/schools/school-18'],
    ];
    for (const [role, method, url] of reads)
      expectStatus(await call(method, url, { token: tokens.get(role) }), 200);
    const roster = await call('GET', `/classes/${sevenA}/roster`, { token: tokens.get('teacher') });
    expect(roster.body.pupils.map((p: { surname: string }) => p.surname)).toEqual([
      'Абрамова',
      'Евдокимов',
      'Ёлкина',
      'Ершов',
      'Жуков',
    ]);
    summary['allowedReads'] = reads.length;
  });

  it('refuses what a role may not: 403 in its school, 404 for another school as for an unknown one, 401 for a tampered token', async () => {
    const sevenA = await classIdOf(database, '7А');
    const refused: [string, string, string, number][] = [
      ['pupil', 'GET', `/classes/${sevenA}/roster`, 403],
      ['class_teacher', 'GET', `/classes/${sevenA}/roster`, 403],
      // Another school is not in the teacher's scope: answered as a school that does not exist.
      ['teacher', 'GET', '/schools/school-18/calendar', 404],
      ['teacher', 'GET', '/schools/school-99/calendar', 404],
      ['parent', 'GET', `/people/${ids.get('P-1')}`, 403],
      ['teacher', 'GET', '/schools/school-17/access-log', 403],
      ['school_admin', 'POST', '/keys/rotate', 403],
    ];
    for (const [role, method, url, status] of refused) {
      const answer = await call(method, url, { token: tokens.get(role) });
      expect([role, url, answer.status]).toEqual([role, url, status]);
      probes[`${role} ${method} ${url.replace(/[0-9a-f-]{36}/g, ':id')}`] = answer.status;
    }
    const teacher = tokens.get('teacher') ?? '';
    const tampered = `${teacher.slice(0, teacher.lastIndexOf('.') + 1)}${'A'.repeat(86)}`;
    const answer = await call('GET', '/me', { token: tampered });
    expect(answer).toMatchObject({ status: 401, body: { code: 'AUTH.TOKEN_INVALID' } });
    probes['tampered token GET /me'] = answer.status;
    summary['refused'] = probes;
  });

  it('rotates the signing key: both keys published, old tokens still valid, new tokens signed with the new key', async () => {
    const verifier = new TokenVerifier({
      keys: remoteJwks(`${service.baseUrl}/.well-known/jwks.json`, { cooldownMs: 0 }),
      issuer: 'ejournal-identity',
      audience: 'ejournal',
    });
    const oldToken = tokens.get('teacher') ?? '';
    const oldKid = decodeProtectedHeader(oldToken).kid;
    await verifier.verify(oldToken);
    const rotated = expectStatus(
      await call('POST', '/keys/rotate', { token: tokens.get('regional_operator') }),
      200,
    );
    const jwks = expectStatus(await call('GET', '/.well-known/jwks.json'), 200);
    expect(jwks.keys.map((key: { kid: string }) => key.kid)).toEqual([oldKid, rotated.kid]);
    expectStatus(await call('GET', '/me', { token: oldToken }), 200);
    const fresh = expectStatus(
      await call('POST', '/auth/sign-in', { json: { login: 's-1', password: 'pass-S-1-long' } }),
      200,
    ).access_token;
    expect(decodeProtectedHeader(fresh).kid).toBe(rotated.kid);
    await expect(verifier.verify(fresh)).resolves.toMatchObject({ subject: ids.get('S-1') });
    await expect(verifier.verify(oldToken)).resolves.toMatchObject({ subject: ids.get('S-1') });
    summary['rotation'] = {
      oldKid,
      newKid: rotated.kid,
      published: jwks.keys.length,
      oldTokenAccepted: true,
      newTokenKid: rotated.kid,
      verifiedByRemoteJwks: true,
    };
  });
});

async function classIdOf(database: TestDatabase, label: string): Promise<string> {
  const client = new Client({ connectionString: database.url });
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

async function deleteTopics(topics: string[]): Promise<void> {
  const kafka = kafkaClient({
    brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
}
