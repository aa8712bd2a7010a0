import {
  eventually,
  expectStatus,
  httpClient,
  registerSchool,
  rosterFile,
  SCHOOL_17,
  signInEveryone,
  signInOperator,
  startIdentityAndJournal,
  yearAroundToday,
} from '@ejournal/testing';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { IntegrityService, logSize } from '@ejournal/integrity';
import { Pool } from 'pg';
import { opensslVerifies, pdfText, startArchive } from './archive-services';
import { keepPastYear, PAST } from './past-year';

const BOOTSTRAP = 'E2E0-ARCH-IVE0';
const year = yearAroundToday();

/**
 * A school's year through identity, journal and archive as built processes: a roster imported,
 * a lesson journal and a club journal kept, the class's sheet filled, both journals sealed;
 * the archive prints them and the class's summary sheet, the head signs, openssl verifies.
 */
describe('archive end to end', () => {
  const summary: Record<string, unknown> = {};
  let services: Awaited<ReturnType<typeof startIdentityAndJournal>> | undefined;
  let archived: Awaited<ReturnType<typeof startArchive>> | undefined;
  let id: ReturnType<typeof httpClient>;
  let call: ReturnType<typeof httpClient>;
  let archive: ReturnType<typeof httpClient>;
  const tokens = new Map<string, string>();
  const people = new Map<string, string>();
  const records: string[] = [];
  let operator = '';
  const as = (key: string) => tokens.get(key) ?? '';
  const command = (key: string, url: string, json: unknown) =>
    call('POST', url, { token: as(key), json });
  const download = async (url: string, file: string) => {
    const response = await fetch(`${archived?.archive.baseUrl}${url}`, {
      headers: { authorization: `Bearer ${as('S-5')}` },
    });
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    await writeFile(path.join(archived?.pki ?? '', file), bytes);
    return { file: path.join(archived?.pki ?? '', file), bytes };
  };

  beforeAll(async () => {
    services = await startIdentityAndJournal('archive e2e', BOOTSTRAP);
    ({ id, call } = services);
  });

  afterAll(async () => {
    await archived?.stop();
    await services?.stop();
    console.log(`archive e2e summary ${JSON.stringify(summary)}`);
  });

  it('keeps a school’s year: roster, a lesson and a club journal, the sheet, sealing', async () => {
    operator = await signInOperator(id, BOOTSTRAP);
    expectStatus(
      await id('POST', '/municipalities', { token: operator, json: { municipalityId: 'mun-e2e' } }),
      201,
    );
    await registerSchool(id, operator, 'school-17', year);
    const imported = expectStatus(
      await id('POST', `/schools/school-17/roster-imports?academicYear=${year.academicYear}`, {
        token: operator,
        csv: rosterFile(SCHOOL_17),
      }),
      200,
    );
    for (const p of imported.people as { key: string; personId: string }[])
      people.set(p.key, p.personId);
    for (const [key, token] of await signInEveryone(id, operator, 'school-17', people))
      tokens.set(key, token);
    const account = expectStatus(
      await id('POST', '/service-accounts', { token: operator, json: { clientId: 'archive' } }),
      201,
    );
    archived = await startArchive({
      identityUrl: services?.identity.baseUrl ?? '',
      journalUrl: services?.journal.baseUrl ?? '',
      journalTopic: services?.journalTopic ?? '',
      clientSecret: account.clientSecret,
    });
    archive = httpClient(archived.archive.baseUrl);

    const classes = expectStatus(
      await id('GET', `/schools/school-17/classes?academicYear=${year.academicYear}`, {
        token: operator,
      }),
      200,
    );
    const sevenA = classes.classes.find(
      (c: { grade: number; letter: string }) => c.grade === 7 && c.letter === 'А',
    ).classId;
    const club = expectStatus(
      await id('POST', '/schools/school-17/groups', {
        token: operator,
        json: { academicYear: year.academicYear, kind: 'club', title: 'Шахматы' },
      }),
      201,
    ).groupId;
    expectStatus(
      await id('POST', `/groups/${club}/members`, {
        token: operator,
        json: { pupilId: people.get('P-1'), fromDate: year.startsOn },
      }),
      201,
    );

    const journals: string[] = [];
    for (const [kind, groupId] of [
      ['lesson', sevenA],
      ['club', club],
    ] as const) {
      const opened = await eventually(
        () =>
          command('S-4', '/journals', {
            schoolId: 'school-17',
            academicYear: year.academicYear,
            groupId,
            kind,
            subjectId: kind === 'lesson' ? 'subject-math' : null,
            scale: kind === 'lesson' ? 'five_point' : 'pass_fail',
            teacherIds: [people.get('S-1')],
          }),
        (answer) => answer.status === 412 || answer.body?.code === 'JOURNAL.UNKNOWN_GROUP',
      );
      journals.push(expectStatus(opened, 201).journalId);
    }
    const [math, chess] = journals as [string, string];
    expectStatus(
      await command('S-1', `/journals/${math}/lessons`, {
        date: year.daysAgo(1),
        slot: 2,
        topic: 'Линейные уравнения',
        homework: { text: '№ 12, 14', dueDate: year.daysAgo(-2) },
        entries: [
          { pupilId: people.get('P-1'), marks: [{ value: '5', workType: 'classwork' }] },
          { pupilId: people.get('P-2'), marks: [{ value: '4', workType: 'test' }] },
          { pupilId: people.get('P-3'), attendance: 'absent' },
        ],
      }),
      201,
    );
    expectStatus(
      await command('S-1', `/journals/${chess}/lessons`, {
        date: year.daysAgo(1),
        slot: 7,
        topic: 'Дебютные принципы',
        homework: null,
        entries: [
          { pupilId: people.get('P-1'), marks: [{ value: 'pass', workType: 'classwork' }] },
        ],
      }),
      201,
    );
    for (const journal of journals)
      for (const period of [1, 2])
        expectStatus(
          await command('S-4', `/journals/${journal}/periods/${period}/closing`, {}),
          201,
        );
    expectStatus(
      await command('S-1', `/journals/${math}/summary-marks`, {
        kind: 'year',
        marks: ['P-1', 'P-2', 'P-3'].map((key, index) => ({
          pupilId: people.get(key),
          value: String(5 - index),
        })),
      }),
      201,
    );
    expectStatus(
      await command('S-5', `/summaries/school-17/${year.startYear}/${sevenA}/council-decisions`, {
        pupilId: people.get('P-1'),
        decision: 'promoted',
        decidedOn: year.daysAgo(0),
        orderRef: '101-о',
      }),
      201,
    );
    for (const journal of journals)
      expectStatus(await command('S-5', `/journals/${journal}/sealing`, {}), 201);
    records.push(
      `journal-${math}`,
      `journal-${chess}`,
      `summary-school-17-${year.startYear}-${sevenA}`,
    );
  });

  it('prints each sealed journal and the class’s summary sheet as PDFs, names from identity', async () => {
    const started = Date.now();
    for (const recordId of records) {
      const answer = await eventually(
        () => archive('GET', `/records/${recordId}/document`, { token: as('S-5') }),
        (answer) => answer.status === 409 || answer.status === 404,
        60_000,
      );
      expect(expectStatus(answer, 200)).toMatchObject({
        contentType: 'application/pdf',
        signatureRef: null,
      });
    }
    summary['printedWithinMs'] = Date.now() - started;
    const [math, chess, sheet] = records as [string, string, string];
    const mathText = await pdfText(
      (await download(`/records/${math}/document/pdf`, 'math.pdf')).file,
    );
    expect(mathText).toContain('Классный журнал');
    expect(mathText).toContain('Линейные уравнения');
    expect(mathText).toContain('Ершов Пётр Ильич');
    expect(mathText).toContain('Петрова Ольга Николаевна');
    expect(mathText).toMatch(/Ёлкина Анна Сергеевна\s+4/);
    expect(mathText).toMatch(/Евдокимов Глеб\s+н/);
    const chessText = await pdfText(
      (await download(`/records/${chess}/document/pdf`, 'chess.pdf')).file,
    );
    expect(chessText).toContain('Журнал кружка');
    expect(chessText).toContain('Дебютные принципы');
    const sheetText = await pdfText(
      (await download(`/records/${sheet}/document/pdf`, 'sheet.pdf')).file,
    );
    expect(sheetText).toContain('Сводная ведомость');
    expect(sheetText).toContain('переведён(а) в следующий класс');
    const catalogued = expectStatus(
      await archive('GET', `/records/${math}`, { token: as('S-5') }),
      200,
    );
    expect(catalogued.document.ref).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('is signed by the head; openssl verifies the .p7s, and refuses a tampered PDF', async () => {
    const refused = await archive('POST', `/records/${records[0]}/document/signatures`, {
      token: as('S-1'),
      json: {},
    });
    expect([refused.status, refused.body.code]).toEqual([403, 'AUTH.ROLE_REQUIRED']);
    for (const recordId of records) {
      const signed = expectStatus(
        await archive('POST', `/records/${recordId}/document/signatures`, {
          token: as('S-5'),
          json: {},
        }),
        201,
      );
      expect(signed).toMatchObject({ role: 'head', signedBy: people.get('S-5') });
      const pdf = await download(`/records/${recordId}/document/pdf`, `${recordId}.pdf`);
      const p7s = await download(`/records/${recordId}/document/signature`, `${recordId}.p7s`);
      expect(await opensslVerifies(archived?.pki ?? '', pdf.file, p7s.file)).toBe(true);
      const tampered = Buffer.from(pdf.bytes);
      const middle = Math.floor(tampered.length / 2);
      tampered.writeUInt8(tampered.readUInt8(middle) ^ 0x20, middle);
      const tamperedFile = path.join(archived?.pki ?? '', `${recordId}.tampered.pdf`);
      await writeFile(tamperedFile, tampered);
      expect(await opensslVerifies(archived?.pki ?? '', tamperedFile, p7s.file)).toBe(false);
      const verdict = expectStatus(
        await archive('GET', `/records/${recordId}/document/verification`, { token: as('S-5') }),
        200,
      );
      expect(verdict).toMatchObject({ valid: true, signers: [{ valid: true, problems: [] }] });
    }
    summary['signed'] = records.length;
  });

  it('disposes of a journal past its date through the journal under an approved act', async () => {
    const past = await keepPastYear({ id, call, operator, as, people });
    const acts = '/schools/school-17/disposal-acts';
    const journalDb = new Pool({ connectionString: services?.journalEnv.DATABASE_URL });
    const stored = async (streamId: string) =>
      (
        await journalDb.query<{ kept: boolean; hash: string }>(
          `SELECT canonical IS NOT NULL AS kept, encode(hash, 'hex') AS hash
             FROM event_store.events WHERE stream_id = $1 ORDER BY stream_version`,
          [streamId],
        )
      ).rows;
    try {
      for (const recordId of [past.history, past.geography, past.sheet]) {
        const catalogued = await eventually(
          () => archive('GET', `/records/${recordId}`, { token: as('S-5') }),
          (answer) =>
            answer.status === 404 || (recordId !== past.sheet && !answer.body.dates?.sealed),
          40_000,
        );
        const sealed = recordId === past.sheet ? null : 'sealed';
        expect([recordId, catalogued.status, sealed && catalogued.body?.status]).toEqual([
          recordId,
          200,
          sealed,
        ]);
      }
      const due = expectStatus(
        await archive('GET', `${acts}/candidates?year=${PAST.startYear}`, { token: operator }),
        200,
      );
      expect(due.records.map((r: { recordId: string }) => r.recordId).sort()).toEqual(
        [past.history, past.geography].sort(),
      );
      expectStatus(
        await archive('POST', `/records/${past.geography}/holds`, {
          token: as('S-5'),
          json: { reason: 'Проверка Рособрнадзора', orderRef: '3-п' },
        }),
        200,
      );
      const held = await archive('POST', acts, {
        token: operator,
        json: { recordIds: [past.history, past.geography], reason: 'Истёк срок хранения' },
      });
      expect([held.status, held.body.code]).toEqual([409, 'ARCHIVE.LEGAL_HOLD']);
      const keep = await archive('POST', acts, {
        token: operator,
        json: { recordIds: [past.sheet], reason: 'Истёк срок хранения' },
      });
      expect([keep.status, keep.body.code]).toEqual([409, 'ARCHIVE.RETENTION_NOT_EXPIRED']);
      expectStatus(
        await archive('POST', acts, {
          token: operator,
          json: { actId: 'act-e2e-1', recordIds: [past.history], reason: 'Истёк срок хранения' },
        }),
        201,
      );
      const early = await archive('POST', `${acts}/act-e2e-1/execution`, { token: operator });
      expect([early.status, early.body.code]).toEqual([409, 'ARCHIVE.ACT_NOT_APPROVED']);
      const before = await stored(past.history);
      expect(before.map((row) => row.kept)).toEqual(before.map(() => true));

      expectStatus(
        await archive('POST', `${acts}/act-e2e-1/approvals`, {
          token: as('S-5'),
          json: { as: 'head', orderRef: '16-о' },
        }),
        200,
      );
      const executed = expectStatus(
        await archive('POST', `${acts}/act-e2e-1/execution`, { token: operator }),
        200,
      );
      expect(executed).toMatchObject({
        status: 'executed',
        executed: [{ recordId: past.history, eventCount: before.length }],
      });
      // The journal's store kept every hash and dropped every payload; the sheet of the same
      // year and the held journal are untouched; the store still verifies.
      const after = await stored(past.history);
      expect(after).toEqual(before.map(({ hash }) => ({ kept: false, hash })));
      expect((await stored(past.sheet)).every((row) => row.kept)).toBe(true);
      expect((await stored(past.geography)).every((row) => row.kept)).toBe(true);
      // The journal's own runner builds its Merkle log every second: verify once it has all.
      const events = async () =>
        (await journalDb.query<{ n: number }>('SELECT count(*)::int AS n FROM event_store.events'))
          .rows[0]?.n ?? 0;
      for (const deadline = Date.now() + 30_000; (await logSize(journalDb)) < (await events());) {
        if (Date.now() > deadline) throw new Error('the journal’s log never caught up');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const report = await new IntegrityService(journalDb).verify();
      expect(report).toMatchObject({ ok: true, firstProblem: null });
      expect(report.disposedStreams).toEqual([
        expect.objectContaining({
          streamId: past.history,
          status: 'disposed (act archive disposal act act-e2e-1)',
        }),
      ]);
      const act = expectStatus(
        await archive('GET', `${acts}/act-e2e-1`, { token: as('S-5') }),
        200,
      );
      expect(act).toMatchObject({ status: 'executed', records: [{ recordId: past.history }] });
      const gone = await archive('GET', `/records/${past.history}/document/pdf`, {
        token: as('S-5'),
      });
      expect([gone.status, gone.body.code]).toEqual([409, 'ARCHIVE.RECORD_DISPOSED']);
      summary['disposedEvents'] = before.length;
    } finally {
      await journalDb.end();
    }
  });
});
