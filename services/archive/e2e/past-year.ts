import {
  calendarOf,
  eventually,
  expectStatus,
  rosterFile,
  yearAroundToday,
  type httpClient,
} from '@ejournal/testing';

type Call = ReturnType<typeof httpClient>;

/** School 17's year 2019/2020: its journals were kept until 31 August 2025, its sheet until 2045. */
export const PAST = yearAroundToday(new Date('2020-05-15T09:00:00Z'));

/**
 * School 17's 2019/2020 through identity's and the journal's APIs: the year's calendar and
 * classes (its rules are those in force, identity refuses backdated ones), a history journal with a lesson, a geography journal, 7А's summary sheet with a
 * council decision, both journals closed and sealed. Answers the archive's record ids.
 */
export async function keepPastYear(options: {
  id: Call;
  call: Call;
  operator: string;
  as: (key: string) => string;
  people: Map<string, string>;
}) {
  const { id, call, operator, as, people } = options;
  const school = '/schools/school-17';
  const calendar = calendarOf(PAST);
  expectStatus(await id('PUT', `${school}/calendar`, { token: operator, json: calendar }), 200);
  // The year's class under a key of its own (C-7A is this year's 7А) and a pupil of that year.
  const roster = `${school}/roster-imports?academicYear=${PAST.academicYear}`;
  const csv = rosterFile([
    'класс;C-7A-2019;;;;;7А;;;;;;',
    'ученик;P-2019;Старов;Иван;;01.01.2006;7А;;;;;;',
  ]);
  const imported = expectStatus(await id('POST', roster, { token: operator, csv }), 200);
  const pupil = (imported.people as { key: string; personId: string }[]).find(
    (p) => p.key === 'P-2019',
  )?.personId;
  const classes = expectStatus(
    await id('GET', `${school}/classes?academicYear=${PAST.academicYear}`, { token: operator }),
    200,
  );
  const sevenA = classes.classes.find(
    (c: { grade: number; letter: string }) => c.grade === 7 && c.letter === 'А',
  ).classId as string;
  const command = (key: string, url: string, json: unknown) =>
    call('POST', url, { token: as(key), json });
  const journals: string[] = [];
  for (const subjectId of ['subject-history', 'subject-geography']) {
    const opened = await eventually(
      () =>
        command('S-4', '/journals', {
          schoolId: 'school-17',
          academicYear: PAST.academicYear,
          groupId: sevenA,
          kind: 'lesson',
          subjectId,
          scale: 'five_point',
          teacherIds: [people.get('S-1')],
        }),
      (answer) => answer.status === 412 || answer.body?.code === 'JOURNAL.UNKNOWN_GROUP',
    );
    journals.push(expectStatus(opened, 201).journalId);
  }
  const [history, geography] = journals as [string, string];
  expectStatus(
    await command('S-1', `/journals/${history}/lessons`, {
      date: PAST.daysAgo(1),
      slot: 3,
      topic: 'Реформы Петра I',
      homework: null,
      entries: [],
    }),
    201,
  );
  expectStatus(
    await command('S-5', `/summaries/school-17/${PAST.startYear}/${sevenA}/council-decisions`, {
      pupilId: pupil,
      decision: 'promoted',
      decidedOn: PAST.daysAgo(0),
      orderRef: '55-о',
    }),
    201,
  );
  for (const journal of journals) {
    for (const period of [1, 2])
      expectStatus(await command('S-4', `/journals/${journal}/periods/${period}/closing`, {}), 201);
    expectStatus(await command('S-5', `/journals/${journal}/sealing`, {}), 201);
  }
  return {
    history: `journal-${history}`,
    geography: `journal-${geography}`,
    sheet: `summary-school-17-${PAST.startYear}-${sevenA}`,
  };
}
