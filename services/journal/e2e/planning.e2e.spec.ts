import { httpClient } from '@ejournal/testing';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rosterFile } from './e2e-resources';
import { planningAscXml } from './planning-asc';
import { startIdentityAndJournal } from './running-services';
import {
  calendarOf,
  eventually,
  expectStatus,
  registerSchool,
  signInEveryone,
  signInOperator,
  yearAroundToday,
} from './school-setup';

const BOOTSTRAP = 'E2E0-PLAN-NING';
const SCHOOL = 'school-plan';
const year = yearAroundToday();

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** Monday of the week three weeks ago: weeks M0 (taught), M0+7 (holidays), M0+14 (taught). */
const M0 = (() => {
  const start = year.daysAgo(21);
  const weekday = new Date(`${start}T00:00:00Z`).getUTCDay() || 7;
  return addDays(start, 1 - weekday);
})();
const UP_TO = addDays(M0, 20);

const ROSTER = [
  'класс;C-7A;;;;;7А;;;;;;',
  'ученик;P-1;Ершов;Пётр;Ильич;02.02.2013;7А;;;;;;',
  'сотрудник;S-1;Петрова;Ольга;Николаевна;;;учитель;;;;;',
  'сотрудник;S-2;Кузнецова;Нина;;;;учитель;;;;;',
  'сотрудник;S-4;Волкова;Елена;;;;завуч;;;;;',
  'сотрудник;S-5;Орлов;Павел;;;;директор;;;;;',
];

const KTP = [
  '№;Раздел;Тема;Часы;Дата',
  '1;Дроби;Обыкновенные дроби;1;',
  '2;Дроби;Сложение дробей;1;',
  '3;Дроби;Вычитание дробей;1;',
  '4;Дроби;Контрольная работа;1;',
].join('\r\n');

/**
 * The school year planned, end to end: identity and journal as built services; a school's
 * curriculum, bells and timetable (imported from an aSc XML file the test writes), a
 * cancellation and a substitution, a КТП; the teacher's grid shows planned columns with
 * proposed topics, lessons are recorded on them, and completion adds up for the class and the
 * municipality.
 */
describe('planning end to end', () => {
  let services: Awaited<ReturnType<typeof startIdentityAndJournal>> | undefined;
  let id: ReturnType<typeof httpClient>;
  let call: ReturnType<typeof httpClient>;
  let tokens = new Map<string, string>();
  const people = new Map<string, string>();
  let sevenA = '';
  const journals = { math: '', english: '' };
  const as = (key: string) => tokens.get(key) ?? '';
  const post = (key: string, url: string, json: unknown) =>
    call('POST', url, { token: as(key), json });
  const get = (key: string, url: string) => call('GET', url, { token: as(key) });
  const planning = `/schools/${SCHOOL}/years/${year.startYear}`;

  beforeAll(async () => {
    services = await startIdentityAndJournal('planning e2e', BOOTSTRAP);
    ({ id, call } = services);
  });
  afterAll(() => services?.stop());

  it('sets up a school with autumn holidays, its staff and two journals of 7А', async () => {
    const operator = await signInOperator(id, BOOTSTRAP);
    expectStatus(
      await id('POST', '/municipalities', {
        token: operator,
        json: { municipalityId: 'mun-plan' },
      }),
      201,
    );
    await registerSchool(id, operator, SCHOOL, year, 'mun-plan');
    const holidays = [{ startsOn: addDays(M0, 7), endsOn: addDays(M0, 13), title: 'Каникулы' }];
    const calendar = { ...calendarOf(year), holidays };
    expectStatus(
      await id('PUT', `/schools/${SCHOOL}/calendar`, { token: operator, json: calendar }),
      200,
    );
    const imported = expectStatus(
      await id('POST', `/schools/${SCHOOL}/roster-imports?academicYear=${year.academicYear}`, {
        token: operator,
        csv: rosterFile(ROSTER),
      }),
      200,
    );
    for (const p of imported.people as { key: string; personId: string }[])
      people.set(p.key, p.personId);
    expectStatus(
      await id('POST', `/people/${people.get('S-5')}/grants`, {
        token: operator,
        json: { role: 'municipal_operator', scope: { kind: 'municipality', id: 'mun-plan' } },
      }),
      201,
    );
    tokens = await signInEveryone(id, operator, SCHOOL, people);
    const classes = expectStatus(
      await id('GET', `/schools/${SCHOOL}/classes?academicYear=${year.academicYear}`, {
        token: operator,
      }),
      200,
    );
    sevenA = classes.classes[0].classId;
    for (const [subject, teacher] of [
      ['math', 'S-1'],
      ['english', 'S-2'],
    ] as const) {
      const body = {
        schoolId: SCHOOL,
        academicYear: year.academicYear,
        groupId: sevenA,
        kind: 'lesson',
        subjectId: `subject-${subject}`,
        scale: 'five_point',
        teacherIds: [people.get(teacher)],
      };
      const opened = await eventually(
        () => post('S-4', '/journals', body),
        (answer) => answer.status === 412 || answer.status === 422,
      );
      journals[subject] = expectStatus(opened, 201).journalId;
    }
    // The timetable import finds a class's journals in the read model: wait until the projection
    // has each one (the grid waits for the journal's first version), as a client reading its
    // own write does.
    for (const journalId of Object.values(journals)) {
      const grid = await eventually(
        () => get('S-4', `/journals/${journalId}/grid?atLeastVersion=1`),
        (answer) => answer.status === 404,
      );
      expectStatus(grid, 200);
    }
  });

  it('sets bells and the curriculum, then imports the timetable from an aSc XML file', async () => {
    const bells = {
      shift: 1,
      slots: [
        { slot: 1, startsAt: '08:30', endsAt: '09:15' },
        { slot: 2, startsAt: '09:25', endsAt: '10:10' },
        { slot: 3, startsAt: '10:30', endsAt: '11:15' },
      ],
    };
    expectStatus(await post('S-4', `${planning}/bells`, bells), 201);
    const curriculum = {
      groupId: sevenA,
      items: [
        { subjectId: 'subject-math', kind: 'lesson', hoursPerWeek: 3 },
        { subjectId: 'subject-english', kind: 'lesson', hoursPerWeek: 1 },
      ],
    };
    expectStatus(await post('S-4', `${planning}/curriculum`, curriculum), 201);
    const dir = await mkdtemp(path.join(tmpdir(), 'planning-e2e-'));
    const file = path.join(dir, 'asc-export.xml');
    try {
      await writeFile(
        file,
        planningAscXml({
          classId: sevenA,
          s1: people.get('S-1') ?? '',
          s2: people.get('S-2') ?? '',
        }),
      );
      const content = await readFile(file, 'utf8');
      const body = { format: 'asc-xml', content, effectiveFrom: M0 };
      const dry = expectStatus(
        await post('S-4', `${planning}/timetable/imports`, { ...body, dryRun: true }),
        200,
      );
      expect(dry).toMatchObject({ applied: false, groups: 1, lessons: 3 });
      expect(dry.warnings).toEqual([
        expect.objectContaining({
          subjectId: 'subject-math',
          curriculumHours: 3,
          timetableHours: 2,
        }),
      ]);
      const applied = expectStatus(await post('S-4', `${planning}/timetable/imports`, body), 200);
      expect(applied).toMatchObject({ applied: true, lessons: 3 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('cancels a lesson and names a substitute for another', async () => {
    const change = { groupId: sevenA, journalId: journals.math };
    const cancelled = { ...change, kind: 'cancellation', date: addDays(M0, 14), slot: 1 };
    expectStatus(await post('S-4', `${planning}/timetable/changes`, cancelled), 201);
    const substituted = {
      ...change,
      kind: 'substitution',
      date: addDays(M0, 2),
      slot: 2,
      teacherId: people.get('S-2'),
    };
    expectStatus(await post('S-4', `${planning}/timetable/changes`, substituted), 201);
    const clash = await post('S-4', `${planning}/timetable/changes`, {
      ...change,
      kind: 'extra',
      date: addDays(M0, 1),
      slot: 3,
      teacherId: people.get('S-2'),
    });
    expect([clash.status, clash.body.code]).toEqual([422, 'PLANNING.TIMETABLE_CONFLICTS']);
  });

  it('imports the КТП; the grid shows planned columns and proposes topics; lessons take them', async () => {
    const plan = `/journals/${journals.math}/thematic-plan/imports`;
    expect(
      expectStatus(await post('S-1', plan, { format: 'csv', content: KTP }), 200),
    ).toMatchObject({ applied: true, items: 4 });
    const plannedUpTo = async () => {
      const grid = expectStatus(
        await get('S-1', `/journals/${journals.math}/grid?period=1&planned=true`),
        200,
      );
      return (grid.planned as { date: string }[]).filter((column) => column.date <= UP_TO);
    };
    // Monday and Wednesday of the first week, the Wednesday of the third (its Monday cancelled).
    expect(await plannedUpTo()).toMatchObject([
      { date: M0, slot: 1, lessonId: null, proposedTopic: { number: 1 } },
      { date: addDays(M0, 2), slot: 2, teacherId: people.get('S-2'), proposedTopic: { number: 2 } },
      { date: addDays(M0, 16), slot: 2, proposedTopic: { number: 3 } },
    ]);
    const lesson = (date: string, slot: number, topic: string, entry: object) => ({
      date,
      slot,
      topic,
      homework: null,
      entries: [{ pupilId: people.get('P-1'), ...entry }],
    });
    const first = expectStatus(
      await post(
        'S-1',
        `/journals/${journals.math}/lessons`,
        lesson(M0, 1, 'Обыкновенные дроби', { marks: [{ value: '5', workType: 'classwork' }] }),
      ),
      201,
    );
    const substitute = lesson(addDays(M0, 2), 2, 'Сложение дробей', { attendance: 'absent' });
    expectStatus(await post('S-2', `/journals/${journals.math}/lessons`, substitute), 201);
    const notHers = await post(
      'S-2',
      `/journals/${journals.math}/lessons`,
      lesson(addDays(M0, 16), 2, 'Вычитание дробей', {}),
    );
    expect([notHers.status, notHers.body.code]).toEqual([403, 'JOURNAL.NOT_ASSIGNED']);
    const columns = await eventually(
      async () => ({ status: 200, body: await plannedUpTo(), headers: new Headers() }),
      (answer) =>
        (answer.body as { lessonId: string | null }[]).filter((c) => c.lessonId).length < 2,
    );
    expect(columns.body).toMatchObject([
      { date: M0, lessonId: first.events[0].data.lessonId, proposedTopic: null },
      { date: addDays(M0, 2), proposedTopic: null },
      {
        date: addDays(M0, 16),
        lessonId: null,
        proposedTopic: { number: 3, topic: 'Вычитание дробей' },
      },
    ]);
    const day = expectStatus(await get('S-1', `/teachers/me/lessons?date=${addDays(M0, 16)}`), 200);
    expect(day.lessons).toMatchObject([
      { journalId: journals.math, slot: 2, startsAt: '09:25', proposedTopic: { number: 3 } },
    ]);
  });

  it('reports programme completion for the class and the municipality', async () => {
    const query = `from=${M0}&upTo=${UP_TO}&period=1`;
    const report = expectStatus(await get('S-4', `${planning}/completion?${query}`), 200);
    // Math planned on M0, M0+2, M0+16 (M0+14 cancelled, M0+7… holidays); 6 teaching days × 3/3.
    expect(report.journals.find((row: { id: string }) => row.id === journals.math)).toMatchObject({
      hoursByCurriculum: 6,
      hoursByTimetable: 3,
      hoursHeld: 2,
      topicsPlanned: 3,
      topicsCovered: 2,
      lessonsWithoutAttendance: 0,
      lateMarks: 1,
    });
    expect(report.classes).toEqual([
      expect.objectContaining({
        id: sevenA,
        hoursByCurriculum: 8,
        hoursByTimetable: 5,
        hoursHeld: 2,
      }),
    ]);
    // The regional summary reads what completion's projection kept: it shows the lessons just
    // recorded once the projection has applied them (the school's own report never lags).
    const summary = () => get('S-5', `/completion?year=${year.startYear}&${query}`);
    const held = (answer: { body: { schools?: { hoursHeld: number }[] } }) =>
      answer.body.schools?.[0]?.hoursHeld;
    const municipal = expectStatus(
      await eventually(summary, (answer) => answer.status === 200 && held(answer) !== 2),
      200,
    );
    expect(municipal.schools).toEqual([
      expect.objectContaining({
        id: SCHOOL,
        hoursByTimetable: 5,
        hoursHeld: 2,
        topicsCovered: 2,
        lateMarks: 1,
      }),
    ]);
  });
});
