// What happens to the record after the lesson: a few marks corrected (by their teacher inside
// the school's window, later by the deputy head under an order), absences excused after a
// doctor's note, ended periods closed and their period marks set on the class summary sheets.
// Who acts is fixed per entry (disjoint seeded buckets), so a later run never repeats an act
// by another hand.
import { addDays, endedPeriods, periodOf } from './demo-calendar.mjs';
import { eachLimited, expectStatus } from './demo-http.mjs';
import { command } from './demo-journal.mjs';
import { seeded } from './demo-people.mjs';

const CONCURRENCY = 6;

/** The acts on one journal's entries that are due today: `{ login, url, json, key }`. */
function actsOf(j, today) {
  const { school } = j;
  const { correctionWindowDays, orderRequired } = school.policy;
  const ended = endedPeriods(school.calendar, today);
  const deputy = `${school.short}.deputy`;
  const acts = [];
  for (const { lesson, answer } of j.held) {
    if (ended.includes(periodOf(school.calendar, lesson.date))) continue;
    const inWindow = today <= addDays(lesson.date, correctionWindowDays);
    const revisionOf = (pupilId) => answer.cells.find((c) => c.pupilId === pupilId).revision;
    for (const entry of lesson.entries) {
      const [mark] = entry.marks;
      if (j.scale === 'five_point' && entry.marks.length === 1 && !entry.attendance) {
        const bucket = seeded(`${mark.markId}#fix`)();
        const value = mark.value === '5' ? '4' : String(Number(mark.value) + 1);
        const url = `/journals/${j.journalId}/marks/${mark.markId}/correction`;
        const expectedCellRevision = revisionOf(entry.pupilId);
        const key = `demo.fix.${mark.markId}`;
        if (bucket < 0.04 && inWindow) {
          const json = { value, reason: 'Ошибка при вводе оценки', expectedCellRevision };
          acts.push({ login: j.teacher.login, url, json, key, kind: 'mark' });
        } else if (bucket >= 0.04 && bucket < 0.05 && !inWindow) {
          const json = {
            value,
            reason: 'Пересмотр работы по заявлению родителей',
            orderRef: orderRequired ? 'Приказ № 118-о' : null,
            expectedCellRevision,
          };
          acts.push({ login: deputy, url, json, key, kind: 'mark' });
        }
      }
      if (entry.attendance === 'absent') {
        const bucket = seeded(`${lesson.lessonId}.${entry.pupilId}#excuse`)();
        const url = `/journals/${j.journalId}/lessons/${lesson.lessonId}/attendance/${entry.pupilId}/correction`;
        const base = { to: 'excused', expectedCellRevision: revisionOf(entry.pupilId) };
        const key = `demo.excuse.${lesson.lessonId}.${entry.pupilId}`;
        if (bucket < 0.3 && inWindow) {
          const json = { ...base, reason: 'Справка от врача' };
          acts.push({ login: j.teacher.login, url, json, key, kind: 'excuse' });
        } else if (bucket >= 0.3 && bucket < 0.6 && !inWindow) {
          const json = {
            ...base,
            reason: 'Справка от врача представлена позже',
            orderRef: orderRequired ? 'Распоряжение № 7-у' : null,
          };
          acts.push({ login: deputy, url, json, key, kind: 'excuse' });
        }
      }
    }
  }
  return acts;
}

/**
 * Journals side by side, each journal's acts one after another: acts on one stream at once
 * would race for its version, and the journal answers 409 CONCURRENT_CHANGE to the loser.
 */
export async function correctEntries(api, journals, today, counts) {
  const perJournal = journals.map((j) => actsOf(j, today)).filter((acts) => acts.length > 0);
  await eachLimited(perJournal, CONCURRENCY, async (acts) => {
    for (const { login, url, json, key, kind } of acts) {
      expectStatus(await command(api, login, url, json, key), 201);
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
  });
}

const WEIGHTS = { classwork: 1, homework: 1, test: 2 };

/** A pupil's weighted average over the period's marks as first entered, rounded half up. */
function periodMarks(j, period, pupils) {
  return pupils.map((pupil) => {
    let sum = 0;
    let weight = 0;
    for (const { lesson } of j.held) {
      if (periodOf(j.school.calendar, lesson.date) !== period) continue;
      const entry = lesson.entries.find((e) => e.pupilId === pupil.personId);
      for (const m of entry?.marks ?? []) {
        sum += Number(m.value) * WEIGHTS[m.workType];
        weight += WEIGHTS[m.workType];
      }
    }
    const value = weight === 0 ? 'not_attested' : String(Math.floor(sum / weight + 0.5));
    return { pupilId: pupil.personId, value };
  });
}

/**
 * The deputy head closes every ended period; the teacher sets its marks on the class sheet. A
 * class's journals share its summary sheet (one stream), so they take their turns.
 */
export async function closeEndedPeriods(api, journals, today, move, counts) {
  const byGroup = new Map();
  for (const j of journals) byGroup.set(j.groupId, [...(byGroup.get(j.groupId) ?? []), j]);
  await eachLimited([...byGroup.values()], CONCURRENCY, async (sameSheet) => {
    for (const j of sameSheet) await closeJournalPeriods(api, j, today, move, counts);
  });
}

async function closeJournalPeriods(api, j, today, move, counts) {
  const deputy = `${j.school.short}.deputy`;
  for (const period of endedPeriods(j.school.calendar, today)) {
    const url = `/journals/${j.journalId}/periods/${period}/closing`;
    expectStatus(await command(api, deputy, url, {}, `demo.close.${j.journalId}.${period}`), 201);
    counts.closed = (counts.closed ?? 0) + 1;
    if (j.kind !== 'lesson') continue;
    // The pupil who moved takes his marks to the new school on paper; the sheet is of those who stay.
    const pupils = j.rosterOn(today).filter((p) => p !== move.pupil);
    const json = { kind: 'period', period, marks: periodMarks(j, period, pupils) };
    const marksUrl = `/journals/${j.journalId}/summary-marks`;
    const key = `demo.period.${j.journalId}.${period}`;
    expectStatus(await command(api, j.teacher.login, marksUrl, json, key), 201);
    counts.periodMarks = (counts.periodMarks ?? 0) + json.marks.length;
  }
}
