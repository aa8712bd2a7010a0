// `npm start` runs this once the services are ready: a demo school through the public APIs
// (identity: school, calendar, rules, roster, accounts; journal: a journal and a lesson), so a
// fresh machine has something to look at. Running it again changes nothing.
//   node tools/demo-school.mjs <identity url> <journal url> <state dir>
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [identityUrl, journalUrl, stateDir] = process.argv.slice(2);
const passwordsFile = path.join(stateDir, 'demo-passwords.json');
const passwords = existsSync(passwordsFile) ? JSON.parse(readFileSync(passwordsFile, 'utf8')) : {};
const passwordOf = (login) => (passwords[login] ??= `demo-${randomBytes(6).toString('hex')}`);

async function call(base, method, url, { token, json, csv, headers = {} } = {}) {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...headers,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(csv ? { 'content-type': 'text/csv' } : {}),
    },
    body: csv ?? (json === undefined ? undefined : JSON.stringify(json)),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

function expect(answer, ...statuses) {
  if (!statuses.includes(answer.status)) {
    throw new Error(`demo school: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

const identity = (...args) => call(identityUrl, ...args);
const journal = (...args) => call(journalUrl, ...args);

async function signIn(login, code) {
  const password = passwordOf(login);
  const session = await identity('POST', '/auth/sign-in', { json: { login, password } });
  if (session.status === 200) return session.body.access_token;
  expect(await identity('POST', '/auth/activate', { json: { code, login, password } }), 204);
  return expect(await identity('POST', '/auth/sign-in', { json: { login, password } }), 200)
    .access_token;
}

const now = new Date();
const first = now.getUTCMonth() >= 7 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
const academicYear = `${first}/${first + 1}`;
const operator = await signIn('operator', process.env.BOOTSTRAP_OPERATOR_CODE);
const as = { token: operator };
expect(
  await identity('POST', '/municipalities', { ...as, json: { municipalityId: 'mun-demo' } }),
  201,
  409,
);
const school = {
  schoolId: 'school-demo',
  municipalityId: 'mun-demo',
  timeZone: 'Europe/Simferopol',
};
expect(await identity('POST', '/schools', { ...as, json: school }), 201, 409);
const calendar = {
  academicYear,
  startsOn: `${first}-09-01`,
  endsOn: `${first + 1}-05-31`,
  periodKind: 'halves',
  periods: [
    { number: 1, startsOn: `${first}-09-01`, endsOn: `${first}-12-27` },
    { number: 2, startsOn: `${first + 1}-01-09`, endsOn: `${first + 1}-05-31` },
  ],
  holidays: [],
};
expect(await identity('PUT', '/schools/school-demo/calendar', { ...as, json: calendar }), 200);
const policies = await identity('GET', '/schools/school-demo/policies/current', as);
if (policies.status !== 200) {
  const policy = {
    effectiveFrom: calendar.startsOn,
    correctionWindowDays: 3,
    afterWindowAuthorisedBy: ['deputy_head', 'head'],
    afterPeriodClosedAuthorisedBy: ['head'],
    orderRequired: true,
    markScales: ['five_point', 'pass_fail'],
    workTypeWeights: [
      { workType: 'classwork', weight: 1 },
      { workType: 'test', weight: 2 },
    ],
    averaging: { method: 'weighted', decimals: 2, rounding: 'half_up' },
  };
  expect(await identity('POST', '/schools/school-demo/policies', { ...as, json: policy }), 201);
}
const roster = [
  'Тип;Ключ;Фамилия;Имя;Отчество;Дата рождения;Класс;Роли;Дети;Кем приходится;Телефон;E-mail;Дата зачисления',
  'класс;DEMO-7A;;;;;7А;;;;;;',
  'ученик;DEMO-P1;Ершов;Пётр;;02.02.2013;7А;;;;;;',
  'ученик;DEMO-P2;Ёлкина;Анна;;15.03.2013;7А;;;;;;',
  'ученик;DEMO-P3;Абрамова;Вера;;01.01.2013;7А;;;;;;',
  'родитель;DEMO-G1;Ёлкина;Мария;;;;;DEMO-P2;мать;;;',
  'сотрудник;DEMO-T1;Петрова;Ольга;Николаевна;;7А;учитель, классный руководитель;;;;;',
  'сотрудник;DEMO-D1;Волкова;Елена;;;;завуч;;;;;',
].join('\r\n');
const imported = expect(
  await identity('POST', `/schools/school-demo/roster-imports?academicYear=${academicYear}`, {
    ...as,
    csv: `${roster}\r\n`,
  }),
  200,
);
const people = new Map(imported.people.map((p) => [p.key, p.personId]));
const tokens = {};
for (const key of ['DEMO-T1', 'DEMO-D1', 'DEMO-G1']) {
  const login = key.toLowerCase();
  const session = await identity('POST', '/auth/sign-in', {
    json: { login, password: passwordOf(login) },
  });
  if (session.status === 200) {
    tokens[key] = session.body.access_token;
    continue;
  }
  const issued = expect(
    await identity('POST', '/schools/school-demo/activation-codes', {
      ...as,
      json: { personIds: [people.get(key)] },
    }),
    200,
  );
  tokens[key] = await signIn(login, issued.codes[0].code);
}
writeFileSync(passwordsFile, JSON.stringify(passwords, null, 2), { mode: 0o600 });

const classes = expect(
  await identity('GET', `/schools/school-demo/classes?academicYear=${academicYear}`, as),
  200,
);
const sevenA = classes.classes.find((c) => c.grade === 7 && c.letter === 'А').classId;
const journalId = `demo-${first}-7a-math`;
const opened = {
  journalId,
  schoolId: 'school-demo',
  academicYear,
  groupId: sevenA,
  kind: 'lesson',
  subjectId: 'math',
  scale: 'five_point',
  teacherIds: [people.get('DEMO-T1')],
};
// The journal learns the school from identity's topic a moment after identity recorded it.
for (let attempt = 0; ; attempt += 1) {
  const answer = await journal('POST', '/journals', { token: tokens['DEMO-D1'], json: opened });
  if ([201, 409].includes(answer.status)) break;
  if (attempt > 80 || ![412, 422].includes(answer.status)) expect(answer, 201);
  await new Promise((resolve) => setTimeout(resolve, 250));
}
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Simferopol' }).format(now);
const lesson = {
  lessonId: `demo-lesson-${today}`,
  date: today,
  slot: 1,
  topic: 'Линейные уравнения',
  homework: null,
  entries: ['DEMO-P1', 'DEMO-P2', 'DEMO-P3'].map((key, index) => ({
    pupilId: people.get(key),
    marks: [
      { markId: `demo-mark-${today}-${index}`, value: String(5 - index), workType: 'classwork' },
    ],
  })),
};
const held = await journal('POST', `/journals/${journalId}/lessons`, {
  token: tokens['DEMO-T1'],
  json: lesson,
  headers: { 'idempotency-key': `demo-lesson-${today}` },
});
expect(held, 201, 409, 422);
console.log(
  `[demo] school-demo: journal ${journalId}; sign in at ${identityUrl}/auth/sign-in as ` +
    Object.keys(tokens)
      .map((key) => `${key.toLowerCase()}`)
      .join(', ') +
    ` (passwords in ${path.relative(process.cwd(), passwordsFile)})`,
);
