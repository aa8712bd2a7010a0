// Who gets an account in the demo, and the table printed at the end: every role's sign-in with
// what it can do today, and what the region now holds.
import { isMover } from './demo-people.mjs';
import { MOVE, SCHOOLS, SUBJECT_TITLES } from './demo-region.mjs';

/** The demo pupil: the last of the oldest class (not the one who moves). */
const demoPupilOf = (school) =>
  school.pupils.filter((p) => p.personId && !isMover(school, p)).at(-1);
/** Who acts through the API and so signs in: teachers, deputy heads, the heads of the move. */
const writes = (member) =>
  member.roles.some((r) => r === 'учитель' || r === 'завуч') ||
  [MOVE.from.by, MOVE.to.by].includes(member.login);

/** Staff (writers first), and one parent and one pupil per school. */
export function demoAccounts(school) {
  const parentOf = school.pupils[0];
  const pupil = demoPupilOf(school);
  return [
    ...school.staff.map((s) => ({ personId: s.personId, login: s.login, writes: writes(s) })),
    {
      personId: school.ids.get(parentOf.guardian.key),
      login: `${school.short}.parent`,
      writes: false,
    },
    { personId: pupil.personId, login: `${school.short}.pupil`, writes: false },
  ];
}

/** What each role can do through the APIs today. */
const CAN = {
  operator:
    'the region: municipalities, schools, calendars, rules, roster imports, codes; reads every journal',
  head: "the school's journals and summary sheets; authorises corrections after a period closed; releases and admits pupils; access log",
  deputy:
    'opens journals, assigns teachers and substitutes, closes periods, authorises late corrections (with an order); reads every journal of the school',
  'class teacher': 'as a teacher, and reads every journal and the summary sheet of her class',
  teacher:
    'her journals: lessons, topics, homework, marks, attendance; corrects her entries within the window; period marks',
  parent:
    "GET /me and her child's personal data (identity); the child's diary on :3103: GET /me/pupils, /pupils/{id}/diary?week=YYYY-Www, /pupils/{id}/marks, /me/notifications (and its SSE stream)",
  pupil:
    'GET /me; the own diary on :3103: /pupils/{id}/diary?week=YYYY-Www, /pupils/{id}/marks, /me/notifications',
};

const initials = (p) =>
  `${p.surname} ${p.givenName[0]}.${p.patronymic ? ` ${p.patronymic[0]}.` : ''}`;

function roleOf(member) {
  if (member.roles.includes('директор')) return 'head';
  if (member.roles.includes('завуч')) return 'deputy';
  return member.classLabel ? 'class teacher' : 'teacher';
}

function rows(journals, passwordOf) {
  const row = (role, login, who) => [role, login, passwordOf(login), who];
  const out = [row('operator', 'operator', 'regional operator')];
  for (const school of SCHOOLS) {
    const taught = (member) =>
      journals
        .filter((j) => j.teacher === member)
        .map((j) => (j.class ? `${j.class} ${SUBJECT_TITLES[j.subjectId]}` : j.group));
    for (const member of school.staff) {
      const what = [member.classLabel && `кл. рук. ${member.classLabel}`, ...taught(member)];
      const who = [initials(member), ...what.filter(Boolean)].join(', ');
      out.push(row(roleOf(member), member.login, who));
    }
    const child = school.pupils[0];
    const pupil = demoPupilOf(school);
    const parent = `${initials(child.guardian)}, mother of ${initials(child)}, ${child.classLabel}`;
    out.push(row('parent', `${school.short}.parent`, parent));
    out.push(row('pupil', `${school.short}.pupil`, `${initials(pupil)}, ${pupil.classLabel}`));
  }
  return out;
}

function table(lines) {
  const widths = lines[0].map((_, c) => Math.max(...lines.map((l) => [...l[c]].length)));
  const pad = (cell, c) => cell + ' '.repeat(widths[c] - [...cell].length);
  return lines.map((l) => l.map(pad).join(' | ').trimEnd()).join('\n');
}

export function printSignIns({
  journals,
  counts,
  move,
  passwordOf,
  identityUrl,
  journalUrl,
  passwordsFile,
  started,
}) {
  const lessons = journals.flatMap((j) => j.held);
  const entries = lessons.flatMap((h) => h.lesson.entries);
  const kinds = {};
  for (const j of journals) kinds[j.kind] = (kinds[j.kind] ?? 0) + 1;
  const pupils = new Set(SCHOOLS.flatMap((s) => s.pupils.map((p) => p.personId).filter(Boolean)));
  const kindList = Object.entries(kinds).map(([kind, n]) => `${n} ${kind}`);
  const transfer = move.done
    ? `${move.pupil.surname} ${move.pupil.givenName} moved ${move.from.short} → ${move.to.short} on ${move.onDate}`
    : `the transfer comes on ${move.onDate}`;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `[demo] region: ${SCHOOLS.length} schools, ${pupils.size} pupils, ${journals.length} journals ` +
      `(${kindList.join(', ')}), ${lessons.length} lessons, ` +
      `${entries.reduce((n, e) => n + e.marks.length, 0)} marks, ` +
      `${entries.filter((e) => ['absent', 'sick'].includes(e.attendance)).length} absences ` +
      `(${counts.excuse ?? 0} excused since), ${counts.mark ?? 0} mark corrections, ` +
      `${counts.closed ?? 0} periods closed, ${counts.periodMarks ?? 0} period marks; ${transfer}; ${seconds}s`,
  );
  const header = ['role', 'login', 'password', 'who (school in the login)'];
  console.log(
    `[demo] sign in: POST ${identityUrl}/auth/sign-in {login, password}; journal API ${journalUrl} (passwords also in ${passwordsFile})`,
  );
  for (const school of SCHOOLS) {
    const classes = Object.keys(school.classes).join(', ');
    const week = `${school.weekdays.length}-day week`;
    console.log(
      `[demo] ${school.short}: ${school.title} (${school.schoolId}; ${school.periodKind}, ${week}; classes ${classes})`,
    );
  }
  console.log(table([header, ...rows(journals, passwordOf)]));
  console.log(
    Object.entries(CAN)
      .map(([role, can]) => `  ${role}: ${can}`)
      .join('\n'),
  );
}
