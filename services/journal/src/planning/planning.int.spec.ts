import { createTestDatabase, requireInfra, testMongoUrl } from '@ejournal/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Pool } from 'pg';
import { journalStreamId } from '@ejournal/contracts';
import { projectIdentityEvent } from '../facts/project-identity-event';
import { recorded } from '../facts/testing/identity-events';
import { APP_POOL } from '../infrastructure/tokens';
import { ProjectionWaiter } from '../read-models';
import { journalTestApp, type JournalTestApp } from '../testing/journal-test-app';
import { PlannedColumnsQuery } from './reads/planned-columns.query';
import { ASC_XML, calendarSet, projectPlanningSchool, SCHOOL } from './testing/planning-school';

const testStores = async (label: string) => ({
  servers: { ...(await requireInfra()) },
  database: await createTestDatabase(label),
  mongoUrl: testMongoUrl(label).url,
});

const KTP = [
  '№;Раздел;Тема;Часы;Дата',
  '1;Дроби;Обыкновенные дроби;1;02.09.2026',
  '2;Дроби;Сложение дробей;1;2026-09-09',
  '3;Дроби;Вычитание дробей;1;',
  '4;Дроби;Контрольная работа;1;',
].join('\n');

describe('planning: the school year planned, through the journal’s HTTP edge', () => {
  let journal: JournalTestApp;
  let app: NestFastifyApplication;
  const tokens: Record<string, string> = {};
  let keys = 0;

  beforeAll(async () => {
    const clock = () => new Date('2026-11-16T09:00:00Z');
    journal = await journalTestApp(await testStores('journal planning'), { clock });
    app = journal.app;
    await projectPlanningSchool(app.get<Pool>(APP_POOL));
    const school = { kind: 'school' as const, id: SCHOOL };
    tokens['deputy'] = await journal.token([{ role: 'deputy_head', scope: school }], 'deputy-p');
    tokens['admin'] = await journal.token([{ role: 'school_admin', scope: school }], 'admin-p');
    for (const teacher of ['t-ivanova', 't-petrov', 't-sidorova']) {
      tokens[teacher] = await journal.token([{ role: 'teacher', scope: school }], teacher);
    }
    tokens['municipal'] = await journal.token(
      [{ role: 'municipal_operator', scope: school }],
      'mun-1',
    );
    for (const [journalId, groupId, subjectId, teacher] of [
      ['math-7a', 'class-7a', 'math', 't-ivanova'],
      ['eng-7a', 'class-7a', 'english', 't-petrov'],
      ['math-7b', 'class-7b', 'math', 't-ivanova'],
    ] as const) {
      const opened = await call('deputy', 'POST', '/journals', {
        journalId,
        schoolId: SCHOOL,
        academicYear: '2026/2027',
        groupId,
        kind: 'lesson',
        subjectId,
        scale: 'five_point',
        teacherIds: [teacher],
      });
      expect(opened.statusCode).toBe(201);
      // Planning finds a school's journals in the read models: wait until they hold it.
      const projected = await app
        .get(ProjectionWaiter)
        .caughtUp(journalStreamId(journalId), opened.json().version, 10_000);
      expect(projected).toBe(true);
    }
  }, 60_000);
  afterAll(() => journal?.close(), 30_000);

  function call(who: string, method: 'GET' | 'POST', url: string, payload?: object) {
    return app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${tokens[who]}`,
        ...(method === 'POST' ? { 'idempotency-key': `planning-spec-${(keys += 1)}` } : {}),
      },
      ...(payload ? { payload } : {}),
    });
  }
  const year = `/schools/${SCHOOL}/years/2026`;

  it('sets bells and a curriculum; a teacher may not', async () => {
    const bells = {
      shift: 1,
      slots: [
        { slot: 1, startsAt: '08:30', endsAt: '09:15' },
        { slot: 2, startsAt: '09:25', endsAt: '10:10' },
        { slot: 3, startsAt: '10:30', endsAt: '11:15' },
      ],
      exceptions: [
        {
          date: '2026-12-30',
          reason: 'Сокращённый день',
          slots: [{ slot: 1, startsAt: '08:30', endsAt: '09:00' }],
        },
      ],
    };
    expect((await call('deputy', 'POST', `${year}/bells`, bells)).statusCode).toBe(201);
    const curriculum = {
      groupId: 'class-7a',
      items: [
        { subjectId: 'math', kind: 'lesson', hoursPerWeek: 3 },
        { subjectId: 'english', kind: 'lesson', hoursPerWeek: 1 },
      ],
    };
    expect((await call('t-ivanova', 'POST', `${year}/curriculum`, curriculum)).statusCode).toBe(
      403,
    );
    const send = (body: object) =>
      app.inject({
        method: 'POST',
        url: `${year}/curriculum`,
        headers: {
          authorization: `Bearer ${tokens['admin']}`,
          'idempotency-key': 'curriculum-7a-once',
        },
        payload: body,
      });
    const set = await send(curriculum);
    expect(set.statusCode).toBe(201);
    expect(set.json().events[0]).toMatchObject({ type: 'CurriculumPlanSet' });
    // A retry answers the first result and records nothing; another body is refused.
    expect((await send(curriculum)).json()).toEqual(set.json());
    const reused = await send({ ...curriculum, items: [] });
    expect(reused.json()).toMatchObject({ status: 422, code: 'PLANNING.IDEMPOTENCY_KEY_REUSED' });
    expect((await call('admin', 'GET', `${year}/plan`)).json().version).toBe(2);
  });

  it('imports 7a’s timetable from aSc XML: a dry run reports each row, then it applies', async () => {
    const body = {
      format: 'asc-xml',
      content: ASC_XML,
      effectiveFrom: '2026-09-01',
      mapping: { teachers: { ПБ: 't-petrov' } },
    };
    const dry = await call('deputy', 'POST', `${year}/timetable/imports`, {
      ...body,
      dryRun: true,
    });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({
      applied: false,
      groups: 1,
      lessons: 3,
      warnings: [{ subjectId: 'math', curriculumHours: 3, timetableHours: 2 }],
    });
    expect(dry.json().rows.map((r: { action: string }) => r.action)).toEqual(['add', 'add', 'add']);
    const unmapped = await call('deputy', 'POST', `${year}/timetable/imports`, {
      ...body,
      mapping: {},
    });
    expect(unmapped.statusCode).toBe(422);
    expect(unmapped.json()).toMatchObject({
      code: 'PLANNING.IMPORT_REFUSED',
      issues: [{ code: 'PLANNING.UNMAPPED_TEACHER' }],
    });
    const applied = await call('deputy', 'POST', `${year}/timetable/imports`, body);
    expect(applied.json()).toMatchObject({ applied: true, lessons: 3 });
  });

  it('refuses 7b’s timetable listing every conflict, then takes a free slot', async () => {
    const clash = await call('deputy', 'POST', `${year}/timetable`, {
      groupId: 'class-7b',
      effectiveFrom: '2026-09-01',
      lessons: [
        { day: 1, slot: 1, journalId: 'math-7b', teacherId: 't-ivanova', roomId: 'room-21' },
      ],
    });
    expect(clash.statusCode).toBe(422);
    expect(clash.json()).toMatchObject({
      code: 'PLANNING.TIMETABLE_CONFLICTS',
      entries: [
        { code: 'PLANNING.TEACHER_BUSY', teacherId: 't-ivanova', otherGroupId: 'class-7a' },
        { code: 'PLANNING.ROOM_BUSY', roomId: 'room-21', otherGroupId: 'class-7a' },
      ],
    });
    const free = await call('deputy', 'POST', `${year}/timetable`, {
      groupId: 'class-7b',
      effectiveFrom: '2026-09-01',
      lessons: [
        { day: 1, slot: 2, journalId: 'math-7b', teacherId: 't-ivanova', roomId: 'room-21' },
      ],
    });
    expect(free.statusCode).toBe(201);
  });

  it('cancels a lesson and names a substitute, who may then write that lesson only', async () => {
    const change = { groupId: 'class-7a', journalId: 'math-7a' };
    const cancelled = await call('deputy', 'POST', `${year}/timetable/changes`, {
      ...change,
      kind: 'cancellation',
      date: '2026-09-07',
      slot: 1,
    });
    expect(cancelled.statusCode).toBe(201);
    const substitution = {
      ...change,
      kind: 'substitution',
      date: '2026-09-09',
      slot: 2,
      teacherId: 't-sidorova',
    };
    expect(
      (await call('admin', 'POST', `${year}/timetable/changes`, substitution)).statusCode,
    ).toBe(403);
    const substituted = await call('deputy', 'POST', `${year}/timetable/changes`, substitution);
    expect(substituted.statusCode).toBe(201);
    expect(substituted.json().journal.version).toBeGreaterThan(1);
    const lesson = (date: string, slot: number) => ({
      date,
      slot,
      topic: 'Сложение дробей',
      homework: null,
      entries: [{ pupilId: 'pupil-1', attendance: 'absent' }],
    });
    expect(
      (await call('t-sidorova', 'POST', '/journals/math-7a/lessons', lesson('2026-09-09', 2)))
        .statusCode,
    ).toBe(201);
    const elsewhere = await call(
      't-sidorova',
      'POST',
      '/journals/math-7a/lessons',
      lesson('2026-09-14', 1),
    );
    expect(elsewhere.json()).toMatchObject({ status: 403, code: 'JOURNAL.NOT_ASSIGNED' });
  });

  it('imports the КТП; planned columns propose its topics; a lesson takes its planned column', async () => {
    const plan = '/journals/math-7a/thematic-plan';
    const dry = await call('t-ivanova', 'POST', `${plan}/imports`, {
      format: 'csv',
      content: KTP,
      dryRun: true,
    });
    expect(dry.json()).toMatchObject({ applied: false, items: 4 });
    expect(
      (await call('t-ivanova', 'POST', `${plan}/imports`, { format: 'csv', content: KTP }))
        .statusCode,
    ).toBe(200);
    const recorded = await call('t-ivanova', 'POST', '/journals/math-7a/lessons', {
      date: '2026-09-02',
      slot: 2,
      topic: 'Обыкновенные дроби',
      homework: null,
      entries: [{ pupilId: 'pupil-1', marks: [{ value: '5', workType: 'classwork' }] }],
    });
    expect(recorded.statusCode).toBe(201);
    const version = recorded.json().version as number;
    const waiter = app.get(ProjectionWaiter);
    expect(await waiter.caughtUp(journalStreamId('math-7a'), version, 10_000)).toBe(true);
    const grid = await call(
      't-ivanova',
      'GET',
      `/journals/math-7a/grid?period=1&planned=true&atLeastVersion=${version}`,
    );
    expect(grid.statusCode).toBe(200);
    const { lessons, planned } = grid.json();
    expect(lessons).toHaveLength(2);
    // Mondays (7 Sept cancelled) and Wednesdays of the first quarter: 8 + 9 - 1.
    expect(planned).toHaveLength(16);
    expect(planned.slice(0, 3)).toMatchObject([
      {
        date: '2026-09-02',
        slot: 2,
        lessonId: recorded.json().events[0].data.lessonId,
        proposedTopic: null,
      },
      {
        date: '2026-09-09',
        slot: 2,
        teacherId: 't-sidorova',
        substituteFor: 't-ivanova',
        proposedTopic: null,
      },
      {
        date: '2026-09-14',
        slot: 1,
        lessonId: null,
        proposedTopic: { number: 3, topic: 'Вычитание дробей' },
      },
    ]);
    expect(planned.find((c: { date: string }) => c.date === '2026-09-07')).toBeUndefined();
  });

  it('shows the teacher her day with bell times and proposed topics', async () => {
    const day = await call('t-ivanova', 'GET', '/teachers/me/lessons?date=2026-09-14');
    expect(day.json().lessons).toMatchObject([
      { journalId: 'math-7a', slot: 1, startsAt: '08:30', proposedTopic: { number: 3 } },
      { journalId: 'math-7b', slot: 2, startsAt: '09:25' },
    ]);
  });

  it('reports programme completion for the class, the school and the municipality', async () => {
    const query = 'upTo=2026-09-30&period=1';
    const report = (await call('deputy', 'GET', `${year}/completion?${query}`)).json();
    const math = report.journals.find((row: { id: string }) => row.id === 'math-7a');
    // 3 Mondays (7 Sept cancelled) and 5 Wednesdays of September; two held, both on the plan.
    expect(math).toMatchObject({
      hoursByTimetable: 8,
      hoursHeld: 2,
      hoursByCurriculum: 14,
      topicsPlanned: 4,
      topicsCovered: 2,
      lessonsWithoutAttendance: 0,
      lateMarks: 1,
    });
    expect(report.classes.find((row: { id: string }) => row.id === 'class-7a')).toMatchObject({
      hoursByTimetable: 13,
      hoursByCurriculum: 18.7,
      hoursHeld: 2,
    });
    // The regional summary is read from the completion projection, which follows the store a
    // moment behind: wait until it holds the lessons held (bounded), then check every figure.
    const summary = async () =>
      (await call('municipal', 'GET', `/completion?year=2026&${query}`)).json();
    let municipal = await summary();
    for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
      const row = municipal.schools?.[0];
      if (row?.hoursHeld === 2 && row?.lateMarks === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
      municipal = await summary();
    }
    expect(municipal.schools).toEqual([
      expect.objectContaining({ id: SCHOOL, hoursByTimetable: 17, hoursHeld: 2, lateMarks: 1 }),
    ]);
    const csv = await call('municipal', 'GET', `/completion?year=2026&${query}&format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[1]).toContain(`school;${SCHOOL};${SCHOOL}`);
  });

  // Last: it changes the school's calendar. The reads keep the day, the calendar and the plans
  // they read (PlanningStates, SchoolCalendars, KeptDays); each change must reach the answer.
  it('answers from what it keeps only until an event changes the timetable, a plan or the calendar', async () => {
    const MONDAY = '2026-09-21';
    const day = async () => {
      const answer = await call('t-ivanova', 'GET', `/teachers/me/lessons?date=${MONDAY}`);
      expect(answer.statusCode).toBe(200);
      return answer.json().lessons as { journalId: string; proposedTopic: object | null }[];
    };
    const columnsOf = async (who: string) => {
      const grid = await call(who, 'GET', '/journals/math-7b/grid?period=1&planned=true');
      return { status: grid.statusCode, body: grid.json() };
    };
    expect((await day()).map((l) => l.journalId)).toEqual(['math-7a', 'math-7b']);
    expect((await day()).find((l) => l.journalId === 'math-7b')?.proposedTopic).toBeNull();
    const before = await columnsOf('deputy');
    expect(before.body.planned.map((c: { date: string }) => c.date)).toContain(MONDAY);
    expect((await columnsOf('t-petrov')).body).toMatchObject({ code: 'JOURNAL.NOT_ASSIGNED' });

    const cancelled = await call('deputy', 'POST', `${year}/timetable/changes`, {
      groupId: 'class-7a',
      journalId: 'math-7a',
      kind: 'cancellation',
      date: MONDAY,
      slot: 1,
    });
    expect(cancelled.statusCode).toBe(201);
    expect((await day()).map((l) => l.journalId)).toEqual(['math-7b']);

    const imported = await call('t-ivanova', 'POST', '/journals/math-7b/thematic-plan/imports', {
      format: 'csv',
      content: KTP,
    });
    expect(imported.statusCode).toBe(200);
    expect((await day())[0]?.proposedTopic).toMatchObject({ number: expect.any(Number) });

    // Identity sets the calendar again with that Monday a holiday: the facts' revision moves on.
    const calendar = calendarSet(SCHOOL);
    const holidays = [...calendar.data.holidays, { startsOn: MONDAY, endsOn: MONDAY, title: 'X' }];
    const changed = { ...calendar, data: { ...calendar.data, holidays } };
    await projectIdentityEvent(app.get<Pool>(APP_POOL), recorded(SCHOOL, 6, changed));
    expect(await day()).toEqual([]);
    const after = await columnsOf('deputy');
    expect(after.status).toBe(200);
    expect(after.body.planned.map((c: { date: string }) => c.date)).not.toContain(MONDAY);
    expect(after.body.planned).toHaveLength(before.body.planned.length - 1);
  });

  it('builds the planned columns from the columns the grid read, not a read of its own, after a lesson', async () => {
    const url = '/journals/math-7b/grid?period=1&planned=true';
    type Planned = { date: string; slot: number; lessonId: string | null };
    const open = ((await call('deputy', 'GET', url)).json().planned as Planned[]).find(
      (column) => column.lessonId === null,
    );
    expect(open).toBeDefined();
    // The teacher's day of that lesson, read before it is recorded: its journal's header is
    // kept, and must not be served once the store holds the lesson.
    const onDay = async () =>
      (
        (await call('t-ivanova', 'GET', `/teachers/me/lessons?date=${open?.date}`)).json()
          .lessons as (Planned & { journalId: string })[]
      ).find((lesson) => lesson.journalId === 'math-7b' && lesson.slot === open?.slot);
    expect((await onDay())?.lessonId).toBeNull();
    const recorded = await call('t-ivanova', 'POST', '/journals/math-7b/lessons', {
      date: open?.date,
      slot: open?.slot,
      topic: 'Дроби',
      homework: null,
      entries: [],
    });
    expect(recorded.statusCode).toBe(201);
    const waiter = app.get(ProjectionWaiter);
    const version = recorded.json().version as number;
    expect(await waiter.caughtUp(journalStreamId('math-7b'), version, 10_000)).toBe(true);
    expect((await onDay())?.lessonId).toBe(recorded.json().events[0].data.lessonId);
    // The completion projection reads the journal's columns too, on its own time: watch the
    // planned columns' own read of them (by the `journalId` key), which the grid makes needless.
    const ownRead = jest.spyOn(app.get(PlannedColumnsQuery), 'held');
    try {
      const planned = (await call('deputy', 'GET', url)).json().planned as Planned[];
      const taken = planned.find((c) => c.date === open?.date && c.slot === open?.slot);
      expect(taken?.lessonId).toBe(recorded.json().events[0].data.lessonId);
      expect(ownRead).not.toHaveBeenCalled();
    } finally {
      ownRead.mockRestore();
    }
  });
});
