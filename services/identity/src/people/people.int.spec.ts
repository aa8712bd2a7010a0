import { createTestDatabase } from '@ejournal/testing';
import { Client } from 'pg';
import { appUrlOf } from '../infrastructure/identity-database';
import {
  importAndActivate,
  operatorToken,
  passwordOf,
  seedSchool,
  signIn,
  type ImportedPerson,
} from '../testing/identity-client';
import { identityTestApp, type TestApp } from '../testing/identity-test-app';
import { rosterFile } from '../testing/roster-fixture';

describe('people: reads, the access log, corrections and erasure', () => {
  let test: TestApp;
  let operator: string;
  let people: Map<string, ImportedPerson>;
  const id = (key: string) => people.get(key)?.personId ?? '';
  const tokenOf = (key: string) => signIn(test, key.toLowerCase(), passwordOf(key));

  beforeAll(async () => {
    test = await identityTestApp(await createTestDatabase('identity people'));
    operator = await operatorToken(test);
    await seedSchool(test, operator);
    people = await importAndActivate(test, operator, rosterFile());
  }, 60_000);
  afterAll(() => test?.close());

  it('reads people by ids in one batch, in Russian order', async () => {
    const ids = ['P-1', 'P-2', 'P-3', 'P-4', 'P-5'].map(id);
    const response = await test.call('POST', '/people/batch', {
      token: await tokenOf('S-1'),
      body: { personIds: ids },
    });
    expect(response.status).toBe(200);
    expect(response.body.people.map((p: { surname: string }) => p.surname)).toEqual([
      'Абрамова',
      'Евдокимов',
      'Ёлкина',
      'Ершов',
      'Жуков',
    ]);
  });

  it('logs every read of personal data: who, whose, when, which endpoint, and lets the school admin query it', async () => {
    const teacher = await tokenOf('S-1');
    await test.call('GET', `/people/${id('P-2')}`, { token: teacher });
    const log = await test.call('GET', `/schools/school-17/access-log?subjectId=${id('P-2')}`, {
      token: await tokenOf('S-2'),
    });
    expect(log.status).toBe(200);
    expect(log.body.entries[0]).toMatchObject({
      actorId: id('S-1'),
      actorRole: 'teacher',
      subjectId: id('P-2'),
      endpoint: 'GET /people/:personId',
    });
    expect(log.body.entries.map((entry: { endpoint: string }) => entry.endpoint)).toContain(
      'POST /people/batch',
    );
    expect(
      (await test.call('GET', '/schools/school-17/access-log', { token: teacher })).status,
    ).toBe(403);
  });

  it('gates diary notifications on the guardian’s consent, and the consent is an event', async () => {
    const recipients = async () =>
      (await test.call('GET', `/pupils/${id('P-2')}/notification-recipients`, { token: operator }))
        .body.guardianIds;
    const mother = await tokenOf('G-1');
    expect(await recipients()).toEqual([]);
    const given = await test.call('POST', '/consents', {
      token: mother,
      body: { subjectId: id('P-2'), purpose: 'diary_notifications' },
    });
    expect(given.body).toMatchObject({ inForce: true, changed: true });
    expect(await recipients()).toEqual([id('G-1')]);
    await test.call('POST', '/consents/withdrawal', {
      token: mother,
      body: { subjectId: id('P-2'), purpose: 'diary_notifications' },
    });
    expect(await recipients()).toEqual([]);
    const stranger = await test.call('POST', '/consents', {
      token: await tokenOf('G-2'),
      body: { subjectId: id('P-2'), purpose: 'diary_notifications' },
    });
    expect(stranger).toMatchObject({ status: 403, body: { code: 'IDENTITY.NOT_GUARDIAN' } });
    const client = new Client({ connectionString: test.database.url });
    await client.connect();
    const { rows } = await client.query(
      `SELECT type FROM event_store.events WHERE stream_id = $1 ORDER BY stream_version`,
      [`consent-${id('G-1')}`],
    );
    await client.end();
    expect(rows.map((row) => row.type)).toEqual(['ConsentGiven', 'ConsentWithdrawn']);
  });

  it('lets a guardian see the guardians of their own child', async () => {
    const response = await test.call('GET', `/pupils/${id('P-2')}/guardians`, {
      token: await tokenOf('G-1'),
    });
    expect(response.body.guardians).toEqual([
      expect.objectContaining({
        guardianId: id('G-1'),
        relation: 'mother',
        inForce: true,
        phone: '+79781234567',
      }),
    ]);
  });

  it('corrects personal data in place and keeps the change history', async () => {
    const admin = await tokenOf('S-2');
    const corrected = await test.call('PATCH', `/people/${id('P-3')}`, {
      token: admin,
      body: { surname: 'Евдокимов-Мирный' },
    });
    expect(corrected.body).toEqual({ personId: id('P-3'), changed: true });
    const client = new Client({ connectionString: test.database.url });
    await client.connect();
    const { rows } = await client.query(
      "SELECT source, actor_role, before, after FROM identity.person_changes WHERE person_id = $1 AND source = 'correction'",
      [id('P-3')],
    );
    await client.end();
    expect(rows).toEqual([
      {
        source: 'correction',
        actor_role: 'school_admin',
        before: { surname: 'Евдокимов' },
        after: { surname: 'Евдокимов-Мирный' },
      },
    ]);
  });

  it('keeps history and access log append-only for the application, and erases a person after retention', async () => {
    const client = new Client({
      connectionString: appUrlOf(test.database.url, `${test.database.name}_app`),
    });
    await client.connect();
    try {
      await expect(client.query('DELETE FROM identity.access_log')).rejects.toThrow(
        /permission denied/,
      );
      await expect(client.query("UPDATE identity.person_changes SET after = '{}'")).rejects.toThrow(
        /permission denied/,
      );
      await client.query('SELECT identity.erase_person($1, now())', [id('P-5')]);
      const person = await client.query(
        'SELECT surname, given_name, birth_date, erased_at IS NOT NULL AS erased FROM identity.persons WHERE person_id = $1',
        [id('P-5')],
      );
      expect(person.rows).toEqual([
        { surname: null, given_name: null, birth_date: null, erased: true },
      ]);
      const history = await client.query(
        'SELECT before, after FROM identity.person_changes WHERE person_id = $1',
        [id('P-5')],
      );
      expect(history.rows.every((row) => row.before === null && row.after === null)).toBe(true);
    } finally {
      await client.end();
    }
  });
});
