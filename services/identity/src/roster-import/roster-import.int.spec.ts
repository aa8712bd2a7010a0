import { Client } from 'pg';
import { currentYear, operatorToken, seedSchool } from '../testing/identity-client';
import { createTestDatabase } from '@ejournal/testing';
import { identityTestApp, type TestApp } from '../testing/identity-test-app';
import { ROSTER_ROWS, rosterFile } from '../testing/roster-fixture';

describe('roster import (Windows-1251 CSV)', () => {
  let test: TestApp;
  let token: string;
  let admin: Client;
  const upload = (bytes: Buffer, query = '') =>
    test.call(
      'POST',
      `/schools/school-17/roster-imports?academicYear=${currentYear().academicYear}${query}`,
      {
        token,
        body: bytes,
        headers: { 'content-type': 'text/csv' },
      },
    );
  const counts = async () => {
    const { rows } = await admin.query<{ events: string; changes: string; persons: string }>(
      `SELECT (SELECT count(*) FROM event_store.events) AS events, (SELECT count(*) FROM identity.person_changes) AS changes,
              (SELECT count(*) FROM identity.persons) AS persons`,
    );
    return rows[0];
  };

  beforeAll(async () => {
    test = await identityTestApp(await createTestDatabase('identity roster import'));
    token = await operatorToken(test);
    await seedSchool(test, token);
    admin = new Client({ connectionString: test.database.url });
    await admin.connect();
  }, 60_000);
  afterAll(async () => {
    await admin?.end();
    await test?.close();
  });

  it('refuses a file with bad rows with a per-row report and applies nothing', async () => {
    const before = await counts();
    const bad = [
      ...ROSTER_ROWS,
      'ученик;P-9;Иванов;Иван;;31.02.2013;7А;;;;;;',
      'ученик;P-10;Смирнов;Олег;;01.01.2013;9В;;;;;;',
      'родитель;G-9;Смирнова;Анна;;;;;P-404;мать;;;',
    ];
    const response = await upload(rosterFile(bad));
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('IDENTITY.IMPORT_REJECTED');
    expect(
      response.body.errors.map((e: { line: number; code: string }) => [e.line, e.code]),
    ).toEqual([
      [13, 'IDENTITY.IMPORT_INVALID_DATE'],
      [14, 'IDENTITY.IMPORT_UNKNOWN_CLASS'],
      [15, 'IDENTITY.IMPORT_UNKNOWN_CHILD'],
    ]);
    expect(await counts()).toEqual(before);
  });

  it('names the problem of a file as a whole: unknown school, wrong encoding, a person twice', async () => {
    const year = currentYear().academicYear;
    const unknown = await test.call(
      'POST',
      `/schools/school-404/roster-imports?academicYear=${year}`,
      {
        token,
        body: rosterFile(),
        headers: { 'content-type': 'text/csv' },
      },
    );
    expect(unknown).toMatchObject({ status: 404, body: { code: 'IDENTITY.UNKNOWN_SCHOOL' } });
    const declaredUtf8 = await upload(rosterFile(), '&encoding=utf-8');
    expect(declaredUtf8).toMatchObject({ status: 400, body: { code: 'IDENTITY.IMPORT_ENCODING' } });
    const twice = await upload(
      rosterFile([...ROSTER_ROWS, 'ученик;P-99;Ёлкина;Анна;Сергеевна;15.03.2013;7Б;;;;;;']),
    );
    expect(twice.body.errors).toEqual([
      expect.objectContaining({ line: 13, key: 'P-99', code: 'IDENTITY.IMPORT_DUPLICATE_PERSON' }),
    ]);
  });

  it('a dry run reports what would change and writes nothing', async () => {
    const before = await counts();
    const response = await upload(rosterFile(), '&dryRun=true');
    expect(response.body).toMatchObject({
      applied: false,
      encoding: 'windows-1251',
      delimiter: ';',
      rows: 11,
    });
    expect(response.body.changes.events).toBeGreaterThan(0);
    expect(await counts()).toEqual(before);
  });

  it('imports classes, people, enrolments, guardianships and grants', async () => {
    const response = await upload(rosterFile());
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      applied: true,
      changes: { peopleCreated: 9, peopleUpdated: 0 },
    });
    expect(response.body.people).toHaveLength(9);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await counts();
    const response = await upload(rosterFile());
    expect(response.body).toMatchObject({
      applied: true,
      changes: { events: 0, streams: 0, newKeys: 0, peopleCreated: 0, peopleUpdated: 0 },
    });
    expect(await counts()).toEqual(before);
  });

  it('serves the roster of 7А in Russian order, Ё with Е', async () => {
    const classId = (
      await admin.query("SELECT target_id FROM identity.external_keys WHERE external_key = 'C-7A'")
    ).rows[0].target_id;
    const roster = await test.call(
      'GET',
      `/classes/${classId}/roster?on=${currentYear().autumnDay}`,
      { token },
    );
    expect(roster.status).toBe(200);
    expect(roster.body.pupils.map((p: { surname: string }) => p.surname)).toEqual([
      'Абрамова',
      'Евдокимов',
      'Ёлкина',
      'Ершов',
      'Жуков',
    ]);
  });

  it('records a moved pupil as a transfer and a corrected name in the history', async () => {
    const moved = ROSTER_ROWS.map((row) =>
      row.startsWith('ученик;P-4;')
        ? row.replace(';7А;', ';7Б;')
        : row.replace('Евдокимов;Глеб', 'Евдокимов;Глеб'),
    ).map((row) => (row.startsWith('ученик;P-5;') ? row.replace('Вера', 'Вероника') : row));
    const response = await upload(rosterFile(moved));
    expect(response.body.changes).toMatchObject({ events: 1, peopleUpdated: 1 });
    const { rows } = await admin.query(
      "SELECT type FROM event_store.events WHERE stream_id LIKE 'enrolment-%' ORDER BY global_position DESC LIMIT 1",
    );
    expect(rows[0].type).toBe('PupilTransferred');
    const history = await admin.query(
      "SELECT changed_fields, before, after FROM identity.person_changes WHERE source = 'import' AND before IS NOT NULL",
    );
    expect(history.rows).toEqual([
      {
        changed_fields: ['givenName'],
        before: { givenName: 'Вера' },
        after: { givenName: 'Вероника' },
      },
    ]);
  });

  it('warns about a namesake already in the region under another key', async () => {
    const namesake = await upload(
      rosterFile(
        [...ROSTER_ROWS, 'ученик;P-X;Ершов;Пётр;Ильич;02.02.2013;7Б;;;;;;'].filter(
          (row) => !row.startsWith('ученик;P-1;'),
        ),
      ),
      '&dryRun=true',
    );
    expect(namesake.body.warnings).toEqual([
      expect.objectContaining({ key: 'P-X', code: 'IDENTITY.IMPORT_POSSIBLE_DUPLICATE' }),
    ]);
  });

  it('publishes no personal data in events', async () => {
    const { rows } = await admin.query(
      "SELECT convert_from(canonical, 'UTF8') AS body FROM event_store.events",
    );
    const all = rows.map((row) => row.body).join('\n');
    for (const name of ['Ёлкина', 'Ершов', 'Петрова', '+79781234567', '2013-03-15'])
      expect(all).not.toContain(name);
  });
});
