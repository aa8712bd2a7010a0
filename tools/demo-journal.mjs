// The journal's half of the demo region: journals opened by each school's deputy head with their
// teachers, then every lesson of the year so far, one request per lesson column. Ids are the
// demo's own (journal, lesson and mark ids) and every command carries an Idempotency-Key made
// of them, so a second run is answered from the first run's records.
import { classRosterOn } from './demo-move.mjs';
import { eachLimited, expectStatus, untilArrived } from './demo-http.mjs';
import { lessonDates, lessonOf, timetable } from './demo-year.mjs';

const CONCURRENCY = 6;

/** Facts from identity not projected yet: the school, its calendar or rules, a group, a roster. */
const inTransit = ({ status, body }) =>
  (status === 412 &&
    ['JOURNAL.NO_CALENDAR', 'JOURNAL.NO_POLICY', 'JOURNAL.UNKNOWN_SCHOOL'].includes(body?.code)) ||
  (status === 422 && ['JOURNAL.UNKNOWN_GROUP', 'JOURNAL.UNKNOWN_SCHOOL'].includes(body?.code)) ||
  (status === 422 &&
    body?.code === 'JOURNAL.COLUMN_REJECTED' &&
    body.entries?.every((e) => e.code === 'JOURNAL.PUPIL_NOT_ENROLLED'));

export const command = (journal, login, url, json, key) =>
  untilArrived(
    () => journal.call('POST', url, { token: journal.tokens.get(login), json, key }),
    inTransit,
  );

/** The journals of every school, each with its group, teacher, timetable and roster by date. */
export function journalsOf(schools, first, move) {
  return schools.flatMap((school) => {
    const slots = timetable(school);
    return school.journals.map((def) => {
      const group = def.class ? null : school.groups.find((g) => g.title === def.group);
      const teacher = school.staff.find((s) => s.key === def.teacher);
      const journalId = `${school.short}-${first}-${def.slug}`;
      return {
        ...def,
        school,
        journalId,
        groupId: group ? school.groupIds.get(group.title) : school.classIds.get(def.class),
        teacher,
        dates: lessonDates(school.calendar, school.weekdays, slots.get(def.slug)),
        rosterOn: (day) => (group ? group.pupils : classRosterOn(school, def.class, day, move)),
      };
    });
  });
}

export async function openJournals(api, journals) {
  await eachLimited(journals, CONCURRENCY, async (j) => {
    const body = {
      journalId: j.journalId,
      schoolId: j.school.schoolId,
      academicYear: j.school.calendar.academicYear,
      groupId: j.groupId,
      kind: j.kind,
      subjectId: j.subjectId,
      scale: j.scale,
      teacherIds: [j.teacher.personId],
    };
    const deputy = `${j.school.short}.deputy`;
    expectStatus(await command(api, deputy, '/journals', body, `demo.open.${j.journalId}`), 201);
  });
}

/** Records every lesson up to today; `j.held` keeps each lesson with the journal's answer. */
export async function recordLessons(api, journals, today, bar) {
  await eachLimited(journals, CONCURRENCY, async (j) => {
    j.held = [];
    const past = j.dates.filter((d) => d.date <= today);
    for (const [n, at] of past.entries()) {
      const next = j.dates.find((d) => d.date > at.date)?.date ?? null;
      const lesson = lessonOf(j, at, n, next, j.rosterOn(at.date));
      const url = `/journals/${j.journalId}/lessons`;
      const answer = expectStatus(
        await command(api, j.teacher.login, url, lesson, `demo.lesson.${lesson.lessonId}`),
        201,
      );
      j.held.push({ lesson, answer });
      bar.tick();
    }
  });
}

export const lessonsUpTo = (journals, today) =>
  journals.reduce((sum, j) => sum + j.dates.filter((d) => d.date <= today).length, 0);
