// identity's half of the demo region, through its public API as the regional operator: the
// municipalities, the schools with their calendars and rules, the roster imports, ad-hoc
// groups with their members. Every step is one the API makes idempotent, or is checked first.
import { calendarFor, addDays, weekdayOf } from './demo-calendar.mjs';
import { expectStatus } from './demo-http.mjs';
import { isMover, pupilsOf, rosterFile } from './demo-people.mjs';
import { MOVE, MUNICIPALITIES, SCHOOLS } from './demo-region.mjs';

/** The first Monday on or after MOVE.monthDay of the year's first calendar year. */
export function moveDateOf(first) {
  let day = `${first}-${MOVE.monthDay}`;
  while (weekdayOf(day) !== 1) day = addDays(day, 1);
  return day;
}

export async function seedTenancy(identity, operator, first) {
  const as = { token: operator };
  for (const { municipalityId } of MUNICIPALITIES) {
    expectStatus(
      await identity('POST', '/municipalities', { ...as, json: { municipalityId } }),
      201,
    );
  }
  await Promise.all(
    SCHOOLS.map(async (school) => {
      const { schoolId, municipalityId } = school;
      const json = { schoolId, municipalityId, timeZone: 'Europe/Simferopol' };
      expectStatus(await identity('POST', '/schools', { ...as, json }), 201);
      const calendar = calendarFor(school.periodKind, first);
      const url = `/schools/${schoolId}`;
      expectStatus(await identity('PUT', `${url}/calendar`, { ...as, json: calendar }), 200);
      const policy = { ...school.policy, effectiveFrom: calendar.startsOn };
      expectStatus(await identity('POST', `${url}/policies`, { ...as, json: policy }), 201);
      school.calendar = calendar;
    }),
  );
}

export async function importRoster(identity, operator, school, academicYear, csv) {
  const url = `/schools/${school.schoolId}/roster-imports?academicYear=${encodeURIComponent(academicYear)}`;
  const imported = expectStatus(await identity('POST', url, { token: operator, csv }), 200);
  for (const person of imported.people) school.ids.set(person.key, person.personId);
  return imported;
}

/** Classes and groups by label and title; missing groups are formed (their ids are identity's). */
async function placesOf(identity, operator, school, academicYear) {
  const url = `/schools/${school.schoolId}/classes?academicYear=${encodeURIComponent(academicYear)}`;
  const read = async () => expectStatus(await identity('GET', url, { token: operator }), 200);
  let places = await read();
  const missing = school.groups.filter((g) => !places.groups.some((p) => p.title === g.title));
  for (const { kind, title } of missing) {
    const json = { academicYear, kind, title };
    const groupsUrl = `/schools/${school.schoolId}/groups`;
    expectStatus(await identity('POST', groupsUrl, { token: operator, json }), 201);
  }
  if (missing.length > 0) places = await read();
  school.classIds = new Map(places.classes.map((c) => [c.label, c.classId]));
  school.groupIds = new Map(places.groups.map((g) => [g.title, g.groupId]));
}

async function addMembers(identity, operator, school) {
  const fromDate = school.calendar.startsOn;
  for (const group of school.groups) {
    group.pupils = Object.entries(group.members).flatMap(([label, indexes]) =>
      indexes.map((index) =>
        school.pupils.find((p) => p.classLabel === label && p.index === index),
      ),
    );
    for (const pupil of group.pupils) {
      const url = `/groups/${school.groupIds.get(group.title)}/members`;
      const json = { pupilId: pupil.personId, fromDate };
      expectStatus(await identity('POST', url, { token: operator, json }), 201);
    }
  }
}

/** Each school's roster (the moving pupil apart), its classes, groups and members. */
export async function seedRosters(identity, operator, first) {
  const academicYear = `${first}/${first + 1}`;
  await Promise.all(
    SCHOOLS.map(async (school) => {
      school.ids = new Map();
      school.pupils = Object.entries(school.classes).flatMap(([label, count]) =>
        pupilsOf(school, label, count, first),
      );
      const staying = school.pupils.filter((p) => !isMover(school, p));
      const csv = rosterFile(Object.keys(school.classes), staying, school.staff);
      await importRoster(identity, operator, school, academicYear, csv);
      await placesOf(identity, operator, school, academicYear);
    }),
  );
  await Promise.all(
    SCHOOLS.map(async (school) => {
      for (const pupil of school.pupils) pupil.personId = school.ids.get(pupil.key);
      for (const member of school.staff) member.personId = school.ids.get(member.key);
      await addMembers(identity, operator, school);
    }),
  );
}
