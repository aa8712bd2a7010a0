import type { httpClient } from '@ejournal/testing';
import { rosterFile } from './e2e-resources';
import {
  eventually,
  expectStatus,
  registerSchool,
  signInEveryone,
  yearAroundToday,
} from './school-setup';

type Call = ReturnType<typeof httpClient>;
type Year = ReturnType<typeof yearAroundToday>;

/** A school of the sweep: people by role, ids by kind, and what of it must stay inside it. */
export interface SweepSchool {
  schoolId: string;
  /** Signed-in people: role → access token. */
  callers: Record<string, string>;
  /** One id of each kind, the ones school A's people may legitimately name. */
  ids: Record<string, string>;
  /** Every id and name of the school's people. */
  secrets: string[];
  /** The revision of the marked cell (lesson × pupil), for corrections. */
  cellRevision: number;
  /** The revision of the pupil's period mark on the class's summary sheet. */
  summaryRevision: number;
}

const row = (kind: string, key: string, surname: string, given: string, extra: string) =>
  `${kind};${key};${surname};${given};${extra}`;

/**
 * Roster of a school `X` (A or B): a class with two pupils, one with a parent; a teacher, a
 * class teacher, a deputy head, a head, an administrator, and one more teacher who receives a
 * grant. Names differ between the schools so a leak of B's names shows in A's answers.
 */
function rosterOf(x: 'A' | 'B', names: string[][], classTitle: string) {
  const [p1, p2, g1, t, ct, d, h, adm, extra] = names.map(([s, g]) => [s ?? '', g ?? '']);
  const person = (kind: string, key: string, [s, g]: string[], rest: string) =>
    row(kind, `${x}-${key}`, s ?? '', g ?? '', rest);
  return [
    `класс;${x}-C;;;;;${classTitle};;;;;;`,
    person('ученик', 'P1', p1 ?? [], `;02.02.2013;${classTitle};;;;;;`),
    person('ученик', 'P2', p2 ?? [], `;15.03.2013;${classTitle};;;;;;`),
    person('родитель', 'G1', g1 ?? [], `;;;;${x}-P1;мать;;;`),
    person('сотрудник', 'T', t ?? [], ';;;учитель;;;;;'),
    person('сотрудник', 'CT', ct ?? [], `;;${classTitle};классный руководитель;;;;;`),
    person('сотрудник', 'D', d ?? [], ';;;завуч;;;;;'),
    person('сотрудник', 'H', h ?? [], ';;;директор;;;;;'),
    person('сотрудник', 'ADM', adm ?? [], ';;;администратор;;;;;'),
    person('сотрудник', 'X', extra ?? [], ';;;учитель;;;;;'),
  ];
}

const NAMES = {
  A: [
    ['Ершова', 'Алиса'],
    ['Жданов', 'Борис'],
    ['Ершов', 'Виктор'],
    ['Петрова', 'Ольга'],
    ['Смирнов', 'Игорь'],
    ['Волкова', 'Елена'],
    ['Орлов', 'Павел'],
    ['Сидоров', 'Иван'],
    ['Кузнецова', 'Нина'],
  ],
  B: [
    ['Заречная', 'Снежана'],
    ['Лапшин', 'Всеволод'],
    ['Заречный', 'Тимофей'],
    ['Мухортова', 'Ангелина'],
    ['Ракитин', 'Святослав'],
    ['Шубникова', 'Евдокия'],
    ['Фомичёв', 'Любомир'],
    ['Чеботарёва', 'Варвара'],
    ['Бережной', 'Остап'],
  ],
};

export const sweepSchoolId = (x: 'A' | 'B') => `school-sweep-${x.toLowerCase()}`;

const ROLE_OF_KEY: Record<string, string> = {
  T: 'teacher',
  CT: 'class_teacher',
  D: 'deputy_head',
  H: 'head',
  ADM: 'school_admin',
  G1: 'parent',
  P2: 'pupil',
};

/**
 * One school through the public APIs as the region's operator and its staff would set it up:
 * school, calendar, rules, roster, accounts, an ad-hoc group, a grant; then, once identity's
 * facts have reached the journal, a journal with a lesson and a mark, and a period mark on
 * the class's summary sheet.
 */
export async function setUpSweepSchool(
  id: Call,
  call: Call,
  operator: string,
  x: 'A' | 'B',
  year: Year,
): Promise<SweepSchool> {
  const schoolId = sweepSchoolId(x);
  const municipalityId = `mun-sweep-${x.toLowerCase()}`;
  const as = { token: operator };
  expectStatus(await id('POST', '/municipalities', { ...as, json: { municipalityId } }), 201);
  await registerSchool(id, operator, schoolId, year, municipalityId);
  const classTitle = x === 'A' ? '7А' : '6В';
  const imported = expectStatus(
    await id('POST', `/schools/${schoolId}/roster-imports?academicYear=${year.academicYear}`, {
      ...as,
      csv: rosterFile(rosterOf(x, NAMES[x], classTitle)),
    }),
    200,
  );
  const people = new Map<string, string>(
    imported.people.map((p: { key: string; personId: string }) => [p.key.slice(2), p.personId]),
  );
  const person = (key: string) => people.get(key) ?? '';
  const callerKeys = Object.keys(ROLE_OF_KEY);
  const tokens = await signInEveryone(
    id,
    operator,
    schoolId,
    new Map(callerKeys.map((key) => [`${x}-${key}`, person(key)])),
  );
  const callers = Object.fromEntries(
    callerKeys.map((key) => [ROLE_OF_KEY[key] ?? key, tokens.get(`${x}-${key}`) ?? '']),
  );
  const classes = expectStatus(
    await id('GET', `/schools/${schoolId}/classes?academicYear=${year.academicYear}`, as),
    200,
  );
  const classId: string = classes.classes[0].classId;
  const { groupId } = expectStatus(
    await id('POST', `/schools/${schoolId}/groups`, {
      ...as,
      json: { academicYear: year.academicYear, kind: 'elective', title: 'Робототехника' },
    }),
    201,
  );
  expectStatus(
    await id('POST', `/groups/${groupId}/members`, {
      ...as,
      json: { pupilId: person('P1'), fromDate: year.startsOn },
    }),
    201,
  );
  const { grantId } = expectStatus(
    await id('POST', `/people/${person('X')}/grants`, {
      ...as,
      json: { role: 'deputy_head', scope: { kind: 'school', id: schoolId } },
    }),
    201,
  );
  const opened = await eventually(
    () =>
      call('POST', '/journals', {
        token: callers['deputy_head'],
        json: {
          schoolId,
          academicYear: year.academicYear,
          groupId: classId,
          kind: 'lesson',
          subjectId: 'subject-math',
          scale: 'five_point',
          teacherIds: [person('T')],
        },
      }),
    (answer) => answer.status === 412 || answer.body?.code === 'JOURNAL.UNKNOWN_GROUP',
  );
  const { journalId } = expectStatus(opened, 201);
  const held = expectStatus(
    await call('POST', `/journals/${journalId}/lessons`, {
      token: callers['teacher'],
      json: {
        date: year.daysAgo(1),
        slot: 1,
        topic: 'Линейные уравнения',
        homework: null,
        entries: [
          {
            pupilId: person('P1'),
            marks: [{ value: '5', workType: 'classwork' }],
            attendance: 'late',
          },
          { pupilId: person('P2'), marks: [], attendance: 'absent' },
        ],
      },
    }),
    201,
  );
  const dataOf = (type: string) =>
    held.events.find((event: { type: string }) => event.type === type)?.data ?? {};
  const { lessonId } = dataOf('LessonHeld');
  const { markId } = dataOf('MarkRecorded');
  const cellRevision: number = held.cells.find(
    (c: { pupilId: string }) => c.pupilId === person('P1'),
  ).revision;
  const sheet = expectStatus(
    await call('POST', `/journals/${journalId}/summary-marks`, {
      token: callers['teacher'],
      json: { kind: 'period', period: 1, marks: [{ pupilId: person('P1'), value: '5' }] },
    }),
    201,
  );
  const summaryRevision: number = sheet.sheets[0].version;
  const ids = {
    school: schoolId,
    municipality: municipalityId,
    class: classId,
    group: groupId,
    pupil: person('P1'),
    guardian: person('G1'),
    person: person('P1'),
    teacher: person('T'),
    grant: grantId,
    journal: journalId,
    lesson: lessonId,
    mark: markId,
    /** The stores' own names (the auditor's and the disposal routes take these). */
    journalStream: `journal-${journalId}`,
    identityStream: `school-${schoolId}`,
    event: held.events[0].eventId,
  };
  const secrets = [...new Set([...Object.values(ids), ...people.values(), ...NAMES[x].flat()])];
  return { schoolId, callers, ids, secrets, cellRevision, summaryRevision };
}
