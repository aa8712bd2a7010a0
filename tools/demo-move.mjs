// The pupil who moves: imported by school № 12 on his own (so its roster file, read again,
// never names a pupil who left), released by its order, admitted by the village school's order.
// Each act is looked up before it is done, so a second run finds them done.
import { expectStatus } from './demo-http.mjs';
import { moveDateOf, importRoster } from './demo-identity.mjs';
import { isMover, rosterFile } from './demo-people.mjs';
import { MOVE, SCHOOLS } from './demo-region.mjs';

export async function seedMove(identity, operator, first, today, tokens) {
  const from = SCHOOLS.find((s) => s.schoolId === MOVE.from.schoolId);
  const to = SCHOOLS.find((s) => s.schoolId === MOVE.to.schoolId);
  const pupil = from.pupils.find((p) => isMover(from, p));
  const onDate = moveDateOf(first);
  const move = { pupil, from, to, onDate, done: false };
  const as = { token: operator };
  const academicYear = `${first}/${first + 1}`;
  const importAtSource = async () => {
    const csv = rosterFile([MOVE.from.classLabel], [pupil], []);
    await importRoster(identity, operator, from, academicYear, csv);
    pupil.personId = from.ids.get(pupil.key);
  };
  if (today < onDate) {
    await importAtSource();
    return move;
  }
  const classId = to.classIds.get(MOVE.to.classLabel);
  const roster = expectStatus(
    await identity('GET', `/classes/${classId}/roster?on=${today}`, as),
    200,
  );
  const admitted = roster.pupils.find(
    (p) => p.surname === pupil.surname && p.givenName === pupil.givenName,
  );
  if (admitted) {
    pupil.personId = admitted.personId;
    return { ...move, done: true };
  }
  const incoming = expectStatus(
    await identity('GET', `/schools/${to.schoolId}/incoming-pupils`, as),
    200,
  );
  const released = incoming.pupils.find((p) => p.fromSchoolId === from.schoolId);
  if (released) pupil.personId = released.pupilId;
  else {
    await importAtSource();
    const json = { onDate, toSchoolId: to.schoolId, orderRef: MOVE.from.orderRef };
    const token = tokens.get(MOVE.from.by);
    expectStatus(await identity('POST', `/pupils/${pupil.personId}/release`, { token, json }), 201);
  }
  const json = { classId, onDate, orderRef: MOVE.to.orderRef };
  const token = tokens.get(MOVE.to.by);
  expectStatus(await identity('POST', `/pupils/${pupil.personId}/enrol`, { token, json }), 201);
  return { ...move, done: true };
}

/** Who is in a class on a day: its own pupils, less the one who left, plus the one who came. */
export function classRosterOn(school, classLabel, day, move) {
  const own = school.pupils.filter((p) => p.classLabel === classLabel && p.personId);
  if (!move.done || day < move.onDate) return own;
  if (school === move.from && classLabel === MOVE.from.classLabel)
    return own.filter((p) => p !== move.pupil);
  if (school === move.to && classLabel === MOVE.to.classLabel) return [...own, move.pupil];
  return own;
}
