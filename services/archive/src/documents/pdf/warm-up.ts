import type { JournalContent } from '../content/journal-content';
import { renderJournal } from './journal-pdf';

const LESSONS = ['L1', 'L2'];
const PUPILS = ['P1', 'P2'];

/** Two lessons, two pupils, Cyrillic and digits: every path a year's journal takes, in small. */
const sample: JournalContent = {
  journalId: 'warm-up',
  schoolId: 'warm-up',
  academicYear: '2026/2027',
  groupId: '7А',
  kind: 'lesson',
  subjectId: 'алгебра',
  scale: 'five_point',
  teacherIds: ['T1'],
  lessons: LESSONS.map((lessonId, i) => ({
    lessonId,
    date: `2026-09-0${i + 1}`,
    slot: 1,
    topic: 'Действия с дробями — ЁЖЩЫЪ ёжщыъ 0123456789',
    homework: { text: '§ 1, упр. 1–5', dueDate: `2026-09-0${i + 2}` },
  })),
  pupilIds: PUPILS,
  marks: new Map(LESSONS.map((l) => [l, new Map(PUPILS.map((p) => [p, ['5', '4']]))])),
  attendance: new Map([['L2', new Map([['P2', 'absent']])]]),
  sealedAt: '2027-05-30T10:00:00.000Z',
  version: 1,
};

/**
 * Renders a small journal once and throws it away, so that what the first real document of
 * a process would otherwise pay for (parsing the fonts, compiling the layout and subsetting
 * code, the Russian collator) is paid before the service reports ready.
 */
export async function warmUpRendering(): Promise<number> {
  const begun = performance.now();
  const names = new Map([
    ['T1', 'Учитель Ё.'],
    ['P1', 'Ученик А.'],
    ['P2', 'Ученица Б.'],
  ]);
  await renderJournal(sample, names, { identifier: 'ejournal:warm-up', version: 1 });
  return Math.round(performance.now() - begun);
}
