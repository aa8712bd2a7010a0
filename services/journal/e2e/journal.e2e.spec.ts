import { httpClient } from '@ejournal/testing';
import { randomUUID } from 'node:crypto';
import {
  eventually,
  expectStatus,
  registerSchool,
  SCHOOL_17,
  SCHOOL_18,
  signInEveryone,
  signInOperator,
  yearAroundToday,
} from './school-setup';
import { journalEventsOn, readModelsOf, rebuiltReadModels, rosterFile } from './e2e-resources';
import { gridView } from './grid-view';
import { startIdentityAndJournal } from './running-services';

const BOOTSTRAP = 'E2E0-JOUR-NAL0';
const year = yearAroundToday();
const KINDS = ['lesson', 'elective', 'club', 'extended_day', 'extracurricular', 'individual'];

/**
 * Identity and journal as built services in child processes, on their own databases and
 * topics: identity's facts reach the journal through Kafka; a school is imported, people sign
 * in, and teachers, a deputy head and a head use the journal like a school's client would.
 */
describe('journal end to end', () => {
  const summary: Record<string, unknown> = {};
  let services: Awaited<ReturnType<typeof startIdentityAndJournal>> | undefined;
  let journalTopic = '';
  let id: ReturnType<typeof httpClient>;
  let call: ReturnType<typeof httpClient>;
  const tokens = new Map<string, string>();
  const people = new Map<string, string>();
  const journals = new Map<string, string>();
  let sevenA = '';
  let elective = '';

  const as = (key: string) => tokens.get(key) ?? '';
  const command = (key: string, url: string, json: unknown, idempotencyKey?: string) =>
    call('POST', url, {
      token: as(key),
      json,
      ...(idempotencyKey ? { headers: { 'idempotency-key': idempotencyKey } } : {}),
    });

  const gridOf = async (journalId: string, atLeastVersion?: number, asOf?: string) => {
    const url = asOf
      ? `/journals/${journalId}/grid/as-of?at=${encodeURIComponent(asOf)}`
      : `/journals/${journalId}/grid${atLeastVersion ? `?atLeastVersion=${atLeastVersion}` : ''}`;
    return gridView(expectStatus(await call('GET', url, { token: as('S-3') }), 200));
  };

  beforeAll(async () => {
    services = await startIdentityAndJournal('journal e2e', BOOTSTRAP);
    ({ id, call, journalTopic } = services);
  });

  afterAll(async () => {
    await services?.stop();
    console.log(`journal e2e summary ${JSON.stringify(summary)}`);
  });

  it('imports a school in identity and signs in its staff and a parent', async () => {
    const operator = await signInOperator(id, BOOTSTRAP);
    tokens.set('operator', operator);
    expectStatus(
      await id('POST', '/municipalities', { token: operator, json: { municipalityId: 'mun-e2e' } }),
      201,
    );
    for (const [schoolId, rows] of [
      ['school-17', SCHOOL_17],
      ['school-18', SCHOOL_18],
    ] as const) {
      await registerSchool(id, operator, schoolId, year);
      const imported = expectStatus(
        await id('POST', `/schools/${schoolId}/roster-imports?academicYear=${year.academicYear}`, {
          token: operator,
          csv: rosterFile(rows),
        }),
        200,
      );
      const ids = new Map<string, string>(
        imported.people.map((p: { key: string; personId: string }) => [p.key, p.personId]),
      );
      for (const [key, personId] of ids) people.set(key, personId);
      for (const [key, token] of await signInEveryone(id, operator, schoolId, ids))
        tokens.set(key, token);
    }
    const classes = expectStatus(
      await id('GET', `/schools/school-17/classes?academicYear=${year.academicYear}`, {
        token: operator,
      }),
      200,
    );
    sevenA = classes.classes.find(
      (c: { grade: number; letter: string }) => c.grade === 7 && c.letter === 'А',
    ).classId;
    const group = expectStatus(
      await id('POST', '/schools/school-17/groups', {
        token: operator,
        json: { academicYear: year.academicYear, kind: 'elective', title: 'Робототехника' },
      }),
      201,
    );
    elective = group.groupId;
    for (const key of ['P-1', 'P-6']) {
      expectStatus(
        await id('POST', `/groups/${elective}/members`, {
          token: operator,
          json: { pupilId: people.get(key), fromDate: year.startsOn },
        }),
        201,
      );
    }
    summary['signedIn'] = tokens.size;
  });

  it('opens journals of every kind once identity’s facts have arrived through Kafka', async () => {
    for (const kind of KINDS) {
      const groupId = kind === 'lesson' || kind === 'individual' ? sevenA : elective;
      const body = {
        schoolId: 'school-17',
        academicYear: year.academicYear,
        groupId,
        kind,
        subjectId:
          kind === 'lesson' ? 'subject-math' : kind === 'elective' ? 'subject-robotics' : null,
        scale: kind === 'lesson' ? 'five_point' : 'pass_fail',
        teacherIds: [people.get('S-1')],
      };
      const opened = await eventually(
        () => command('S-4', '/journals', body),
        (answer) => answer.status === 412 || answer.body?.code === 'JOURNAL.UNKNOWN_GROUP',
      );
      journals.set(kind, expectStatus(opened, 201).journalId);
    }
    const lesson = journals.get('lesson') ?? '';
    const mine = await eventually(
      () => call('GET', '/teachers/me/journals', { token: as('S-1') }),
      (answer) => answer.body?.journals?.length !== journals.size,
    );
    expect(
      expectStatus(mine, 200)
        .journals.map((j: { journalId: string }) => j.journalId)
        .sort(),
    ).toEqual([...journals.values()].sort());
    const refused = await command('S-1', '/journals', { ...journalBody(), groupId: sevenA });
    expect([refused.status, refused.body.code]).toEqual([403, 'AUTH.ROLE_REQUIRED']);
    summary['journalsOpened'] = journals.size;
    void lesson;
  });

  const lessons = new Map<string, string>();
  const marks = new Map<string, { markId: string; lessonId: string; revision: number }>();
  let beforeAuthorisedCorrection = '';

  it('records a whole lesson column in one request; a retry with the same key returns the first answer', async () => {
    const journalId = journals.get('lesson') ?? '';
    const pupil = (key: string) => people.get(key) ?? '';
    const column = {
      date: year.daysAgo(1),
      slot: 2,
      topic: 'Линейные уравнения',
      homework: { text: '№ 12, 14', dueDate: year.daysAgo(-2) },
      entries: [
        { pupilId: pupil('P-1'), marks: [{ value: '5', workType: 'classwork' }] },
        {
          pupilId: pupil('P-2'),
          marks: [
            { value: '4', workType: 'test' },
            { value: '5', workType: 'classwork' },
          ],
        },
        { pupilId: pupil('P-3'), attendance: 'absent' },
        {
          pupilId: pupil('P-4'),
          marks: [{ value: '3', workType: 'classwork' }],
          attendance: 'late',
        },
        { pupilId: pupil('P-5'), marks: [{ value: '2', workType: 'test' }] },
      ],
    };
    const key = randomUUID();
    const url = `/journals/${journalId}/lessons`;
    const first = expectStatus(await command('S-1', url, column, key), 201);
    expect(first.events.map((e: { type: string }) => e.type)).toEqual([
      'LessonHeld',
      'MarkRecorded',
      'MarkRecorded',
      'MarkRecorded',
      'AttendanceRecorded',
      'AttendanceRecorded',
      'MarkRecorded',
      'MarkRecorded',
    ]);
    const retried = expectStatus(await command('S-1', url, column, key), 201);
    expect(retried).toEqual(first);
    const reused = await command('S-1', url, { ...column, slot: 3 }, key);
    expect([reused.status, reused.body.code]).toEqual([422, 'JOURNAL.IDEMPOTENCY_KEY_REUSED']);
    const lessonId = first.events[0].data.lessonId;
    lessons.set('yesterday', lessonId);
    const p1 = first.events[1].data;
    const revision = first.cells.find(
      (c: { pupilId: string }) => c.pupilId === pupil('P-1'),
    ).revision;
    marks.set('P-1 yesterday', { markId: p1.markId, lessonId, revision });
    const grid = await gridOf(journalId, first.version);
    expect(grid.markCount).toBe(5);
    summary['column'] = {
      events: first.events.length,
      version: first.version,
      retryIdentical: true,
    };
  });

  it('refuses a column with bad entries, listing every pupil, and records none of it', async () => {
    const journalId = journals.get('lesson') ?? '';
    const answer = await command('S-1', `/journals/${journalId}/lessons`, {
      date: year.daysAgo(1),
      slot: 4,
      topic: 'Проверочная',
      homework: null,
      entries: [
        { pupilId: people.get('P-6'), marks: [{ value: '5', workType: 'classwork' }] },
        { pupilId: people.get('P-1'), marks: [{ value: 'pass', workType: 'classwork' }] },
        { pupilId: people.get('P-2'), marks: [{ value: '4', workType: 'homework_check' }] },
      ],
    });
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('JOURNAL.COLUMN_REJECTED');
    expect(answer.body.entries.map((e: { code: string }) => e.code).sort()).toEqual([
      'JOURNAL.MARK_OUT_OF_SCALE',
      'JOURNAL.PUPIL_NOT_ENROLLED',
      'JOURNAL.UNKNOWN_WORK_TYPE',
    ]);
    summary['rejectedColumn'] = answer.body.entries.length;
  });

  it('corrects a mark inside the window; outside it only a deputy head with an order may', async () => {
    const journalId = journals.get('lesson') ?? '';
    const recent = marks.get('P-1 yesterday');
    const inside = expectStatus(
      await command('S-1', `/journals/${journalId}/marks/${recent?.markId}/correction`, {
        value: '4',
        reason: 'Ошибка при вводе',
        expectedCellRevision: recent?.revision,
      }),
      201,
    );
    expect(inside.events[0]).toMatchObject({
      type: 'MarkCorrected',
      data: { from: '5', value: '4', authorisedBy: null, policyVersion: 1 },
    });
    const stale = await command(
      'S-1',
      `/journals/${journalId}/marks/${recent?.markId}/correction`,
      {
        value: '3',
        reason: 'Ещё раз',
        expectedCellRevision: recent?.revision,
      },
    );
    expect([stale.status, stale.body.code]).toEqual([409, 'JOURNAL.CELL_CHANGED']);

    const old = expectStatus(
      await command('S-1', `/journals/${journalId}/lessons`, {
        date: year.daysAgo(10),
        slot: 1,
        topic: 'Дроби',
        homework: null,
        entries: [{ pupilId: people.get('P-1'), marks: [{ value: '3', workType: 'classwork' }] }],
      }),
      201,
    );
    const oldMark = old.events[1].data;
    lessons.set('ten days ago', oldMark.lessonId);
    const url = `/journals/${journalId}/marks/${oldMark.markId}/correction`;
    const correction = {
      value: '4',
      reason: 'Пересмотр работы',
      expectedCellRevision: old.cells[0].revision,
    };
    const late = await command('S-1', url, correction);
    expect([late.status, late.body.code]).toEqual([403, 'JOURNAL.CORRECTION_WINDOW_CLOSED']);
    const withoutOrder = await command('S-4', url, correction);
    expect([withoutOrder.status, withoutOrder.body.code]).toEqual([422, 'JOURNAL.ORDER_REQUIRED']);
    beforeAuthorisedCorrection = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const authorised = expectStatus(
      await command('S-4', url, { ...correction, orderRef: '45-о' }),
      201,
    );
    expect(authorised.events[0].data).toMatchObject({
      from: '3',
      value: '4',
      authorisedBy: people.get('S-4'),
      orderRef: '45-о',
      policyVersion: 1,
    });
    marks.set('P-1 ten days ago', {
      markId: oldMark.markId,
      lessonId: oldMark.lessonId,
      revision: authorised.cells[0].revision,
    });
    summary['corrections'] = {
      insideWindow: 201,
      stale: 409,
      lateByAuthor: 403,
      withoutOrder: 422,
      authorised: 201,
    };
  });

  it('excuses an absence, edits homework and voids a lesson entered on the wrong date', async () => {
    const journalId = journals.get('lesson') ?? '';
    const lessonId = lessons.get('yesterday');
    const grid = await gridOf(journalId);
    const excused = expectStatus(
      await command(
        'S-1',
        `/journals/${journalId}/lessons/${lessonId}/attendance/${people.get('P-3')}/correction`,
        {
          to: 'excused',
          reason: 'Справка от врача',
          expectedCellRevision: grid.revisionOf(lessonId, people.get('P-3')),
        },
      ),
      201,
    );
    expect(excused.events[0].data).toMatchObject({ from: 'absent', to: 'excused' });
    expectStatus(
      await command('S-1', `/journals/${journalId}/lessons/${lessonId}/edit`, {
        topic: 'Линейные уравнения с параметром',
        homework: { text: '№ 15', dueDate: year.daysAgo(-3) },
        reason: 'Уточнено задание',
      }),
      201,
    );
    const wrong = expectStatus(
      await command('S-1', `/journals/${journalId}/lessons`, {
        date: year.daysAgo(2),
        slot: 6,
        topic: 'Не та дата',
        homework: null,
        entries: [{ pupilId: people.get('P-5'), marks: [{ value: '5', workType: 'classwork' }] }],
      }),
      201,
    );
    const voided = expectStatus(
      await command(
        'S-1',
        `/journals/${journalId}/lessons/${wrong.events[0].data.lessonId}/voiding`,
        {
          reason: 'Урок внесён не на ту дату',
        },
      ),
      201,
    );
    expect(voided.events[0].type).toBe('LessonVoided');
    const after = await gridOf(journalId, voided.version);
    expect(after.lessonIds).not.toContain(wrong.events[0].data.lessonId);
  });

  it('closes the period: entries are refused; the teacher sets period marks on the class sheet', async () => {
    const journalId = journals.get('lesson') ?? '';
    expectStatus(await command('S-4', `/journals/${journalId}/periods/1/closing`, {}), 201);
    const refused = await command(
      'S-1',
      `/journals/${journalId}/lessons/${lessons.get('yesterday')}/entries`,
      {
        entries: [{ pupilId: people.get('P-5'), marks: [{ value: '5', workType: 'classwork' }] }],
      },
    );
    expect([refused.status, refused.body.code]).toEqual([409, 'JOURNAL.PERIOD_CLOSED']);
    const marksOfPeriod = ['P-1', 'P-2', 'P-3', 'P-4', 'P-5'].map((key, index) => ({
      pupilId: people.get(key),
      value: String(5 - (index % 3)),
    }));
    const set = expectStatus(
      await command(
        'S-1',
        `/journals/${journalId}/summary-marks`,
        { kind: 'period', period: 1, marks: marksOfPeriod },
        randomUUID(),
      ),
      201,
    );
    expect(set.sheets).toHaveLength(1);
    expect(set.sheets[0].streamId).toBe(`summary-school-17-${year.startYear}-${sevenA}`);
    expectStatus(
      await command('S-5', `/summaries/school-17/${year.startYear}/${sevenA}/council-decisions`, {
        pupilId: people.get('P-1'),
        decision: 'promoted',
        decidedOn: year.daysAgo(0),
        orderRef: '101-о',
      }),
      201,
    );
    const sheet = expectStatus(
      await call('GET', `/summaries/school-17/${year.startYear}/${sevenA}`, { token: as('S-3') }),
      200,
    );
    expect(sheet.marks).toHaveLength(5);
    expect(sheet.decisions).toHaveLength(1);
    summary['summarySheet'] = {
      marks: sheet.marks.length,
      decisions: sheet.decisions.length,
      version: sheet.version,
    };
  });

  it('reads the grid now and as of before the authorised correction, and the cell’s history', async () => {
    const journalId = journals.get('lesson') ?? '';
    const mark = marks.get('P-1 ten days ago');
    const now = await gridOf(journalId);
    const then = await gridOf(journalId, undefined, beforeAuthorisedCorrection);
    expect(now.valuesOf(mark?.lessonId, people.get('P-1'))).toEqual(['4']);
    expect(then.valuesOf(mark?.lessonId, people.get('P-1'))).toEqual(['3']);
    const history = expectStatus(
      await call(
        'GET',
        `/journals/${journalId}/lessons/${mark?.lessonId}/cells/${people.get('P-1')}/history`,
        { token: as('S-3') },
      ),
      200,
    );
    expect(history.entries.map((e: { type: string }) => e.type)).toEqual([
      'MarkRecorded',
      'MarkCorrected',
    ]);
    expect(history.entries[1]).toMatchObject({
      actorId: people.get('S-4'),
      reason: 'Пересмотр работы',
      authorisedBy: people.get('S-4'),
      orderRef: '45-о',
      policyVersion: 1,
    });
    summary['asOf'] = {
      now: now.valuesOf(mark?.lessonId, people.get('P-1')),
      before: then.valuesOf(mark?.lessonId, people.get('P-1')),
    };
  });

  it('answers a teacher of another school as for an unknown journal (404), a parent with 403', async () => {
    const journalId = journals.get('lesson') ?? '';
    const probes: [string, string, string, unknown][] = [
      ['T-1', 'GET', `/journals/${journalId}/grid`, undefined],
      [
        'T-1',
        'POST',
        `/journals/${journalId}/lessons`,
        { date: year.daysAgo(0), slot: 7, topic: 'x', homework: null },
      ],
      ['G-1', 'GET', `/journals/${journalId}/grid`, undefined],
      [
        'S-2',
        'POST',
        `/journals/${journalId}/lessons`,
        { date: year.daysAgo(0), slot: 7, topic: 'x', homework: null },
      ],
    ];
    const answers: Record<string, string> = {};
    for (const [key, method, url, json] of probes) {
      const answer = await call(method, url, { token: as(key), ...(json ? { json } : {}) });
      answers[`${key} ${method}`] = `${answer.status} ${answer.body.code}`;
    }
    expect(answers).toEqual({
      'T-1 GET': '404 JOURNAL.NOT_FOUND',
      'T-1 POST': '404 JOURNAL.NOT_FOUND',
      'G-1 GET': '403 AUTH.ROLE_REQUIRED',
      'S-2 POST': '403 JOURNAL.NOT_ASSIGNED',
    });
    summary['refused'] = answers;
  });

  it('publishes the journal’s events on its topic, keyed by stream, with the request’s trace', async () => {
    const published = await journalEventsOn(journalTopic);
    const streams = new Set(published.map((m) => m.key));
    expect(streams).toContain(`journal-${journals.get('lesson')}`);
    expect(streams).toContain(`summary-school-17-${year.startYear}-${sevenA}`);
    expect(published.every((m) => /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/.test(m.traceparent))).toBe(
      true,
    );
    summary['published'] = { messages: published.length, streams: streams.size };
  });

  // FerretDB 1.x loses concurrent updates of one document, so only the replica holding the
  // projection's lease projects; a kill -9 of it hands the lease to the other.
  it('two journal replicas on one store: one projects, the other takes over after kill -9; the read models equal a rebuild', async () => {
    const journalId = journals.get('elective') ?? '';
    const replica = await (services as NonNullable<typeof services>).startJournalReplica();
    const first = services?.journal;
    const viaReplica = httpClient(replica.baseUrl);
    const column = (n: number) => ({
      date: year.daysAgo(2 + Math.floor(n / 4)),
      slot: 5 + (n % 4),
      topic: `Занятие ${n}`,
      homework: null,
      entries: [
        {
          pupilId: people.get('P-1'),
          marks: [{ value: n % 3 ? 'pass' : 'fail', workType: 'classwork' }],
        },
        { pupilId: people.get('P-6'), marks: [{ value: 'pass', workType: 'classwork' }] },
      ],
    });
    const record = (client: typeof call, n: number) =>
      client('POST', `/journals/${journalId}/lessons`, {
        token: as('S-1'),
        json: column(n),
        headers: { 'idempotency-key': `two-replicas-${n}` },
      }).catch(() => null);
    const answered: number[] = [];
    const keep = (answer: Awaited<ReturnType<typeof record>>) => {
      if (answer?.status === 201) answered.push(answer.body.version);
    };
    // Both replicas take commands on the same journal at once, the lease holder killed midway.
    await Promise.all([
      (async () => {
        for (let n = 0; n < 24; n += 2) keep(await record(call, n));
      })(),
      (async () => {
        for (let n = 1; n < 24; n += 2) {
          if (n === 11) await first?.kill();
          keep(await record(viaReplica, n));
        }
      })(),
    ]);
    // Whatever the killed replica left unanswered is retried through the survivor.
    for (let n = 0; n < 24; n += 1) keep(await record(viaReplica, n));
    const version = Math.max(...answered);
    const grid = expectStatus(
      await viaReplica('GET', `/journals/${journalId}/grid?atLeastVersion=${version}`, {
        token: as('S-4'),
      }),
      200,
    );
    expect(grid.journal.version).toBeGreaterThanOrEqual(version);
    const live = await readModelsOf(services?.journalEnv.MONGO_URL ?? '', journalId);
    const rebuilt = await rebuiltReadModels(services?.journalEnv ?? {}, journalId);
    expect(live.columns).toHaveLength(rebuilt.columns.length);
    expect(live).toEqual(rebuilt);
    summary['twoReplicas'] = {
      answered: answered.length,
      version,
      columns: live.columns.length,
      histories: live.histories.length,
    };
  });
});

function journalBody() {
  return {
    schoolId: 'school-17',
    academicYear: year.academicYear,
    groupId: '',
    kind: 'lesson',
    subjectId: 'subject-history',
    scale: 'five_point',
    teacherIds: [],
  };
}
