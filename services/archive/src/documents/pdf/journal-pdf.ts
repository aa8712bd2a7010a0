import type { JournalContent } from '../content/journal-content';
import { attendanceLabel, JOURNAL_TITLES, longDate, markLabel, nameOr, shortDate } from './labels';
import { DocumentWriter, type Column } from './layout';

export interface RecordPlace {
  /** The catalogue's identifier: `ejournal:{regionId}:{streamId}`. */
  identifier: string;
  /** The stream version the document shows. */
  version: number;
}

const NUMBER = 18;
const NAME = 150;
const DATE = 24;
/** Lessons that share the sessions table's form rather than a lesson journal's. */
const ACTIVITY_FORM = new Set(['club', 'extended_day', 'extracurricular']);

/**
 * A journal's year-end document in the layout of a paper one: the title block, the grid of
 * marks and attendance by lesson date (pupils down, dates across, as many pages wide as it
 * takes), then the lessons with their topics and homework. A club, extended-day or other
 * extracurricular journal keeps its own form: sessions with their content and how many were
 * away, no homework column.
 */
export async function renderJournal(
  journal: JournalContent,
  names: ReadonlyMap<string, string>,
  place: RecordPlace,
): Promise<Uint8Array> {
  const title = JOURNAL_TITLES[journal.kind] ?? 'Журнал';
  const writer = await DocumentWriter.create(
    `${title} · ${journal.academicYear} · ${place.identifier} · версия ${place.version}`,
  );
  writer.heading(`${title} на ${journal.academicYear} учебный год`, 16);
  writer.fields([
    ['Школа', journal.schoolId],
    ['Класс / группа', journal.groupId],
    ['Предмет / занятие', journal.subjectId ?? '—'],
    ['Учитель', journal.teacherIds.map((id) => nameOr(names, id)).join(', ') || '—'],
    ['Проведено занятий', String(journal.lessons.length)],
    ['Журнал закрыт', journal.sealedAt ? longDate(journal.sealedAt.slice(0, 10)) : '—'],
    ['Запись архива', `${place.identifier}, версия ${place.version}`],
  ]);
  const pupils = [...journal.pupilIds].sort((a, b) =>
    nameOr(names, a).localeCompare(nameOr(names, b), 'ru'),
  );
  const perPage = Math.floor((writer.contentWidth - NUMBER - NAME) / DATE);
  for (let first = 0; first < journal.lessons.length; first += perPage) {
    const lessons = journal.lessons.slice(first, first + perPage);
    const cells = lessons.map((lesson) => cellsOf(journal, lesson.lessonId));
    writer.heading(
      `Успеваемость и посещаемость: ${shortDate(lessons[0]?.date ?? '')}–${shortDate(lessons.at(-1)?.date ?? '')}`,
      10,
    );
    writer.table({
      columns: [
        { width: NUMBER, align: 'center' },
        { width: NAME },
        ...lessons.map((): Column => ({ width: DATE, align: 'center' })),
      ],
      header: [
        [
          { text: '№' },
          { text: 'Фамилия, имя' },
          ...lessons.map((l) => ({ text: shortDate(l.date) })),
        ],
      ],
      rows: pupils.map((pupil, index) => [
        String(index + 1),
        nameOr(names, pupil),
        ...cells.map((cell) => cell.get(pupil) ?? ''),
      ]),
      fontSize: 6.5,
      maxLines: 2,
    });
  }
  writer.newPage();
  if (ACTIVITY_FORM.has(journal.kind)) {
    writer.heading('Содержание занятий', 11);
    writer.table({
      columns: [
        { width: 24, align: 'center' },
        { width: 56, align: 'center' },
        { width: 560 },
        { width: writer.contentWidth - 640, align: 'center' },
      ],
      header: [
        [
          { text: '№' },
          { text: 'Дата' },
          { text: 'Содержание занятия' },
          { text: 'Отсутствовали' },
        ],
      ],
      rows: journal.lessons.map((lesson, index) => [
        String(index + 1),
        longDate(lesson.date),
        lesson.topic,
        String(journal.attendance.get(lesson.lessonId)?.size ?? 0),
      ]),
      fontSize: 8,
    });
  } else {
    writer.heading('Темы уроков и домашние задания', 11);
    writer.table({
      columns: [
        { width: 24, align: 'center' },
        { width: 56, align: 'center' },
        { width: 30, align: 'center' },
        { width: 330 },
        { width: writer.contentWidth - 440 },
      ],
      header: [
        [
          { text: '№' },
          { text: 'Дата' },
          { text: 'Урок' },
          { text: 'Тема урока' },
          { text: 'Домашнее задание' },
        ],
      ],
      rows: journal.lessons.map((lesson, index) => [
        String(index + 1),
        longDate(lesson.date),
        String(lesson.slot),
        lesson.topic,
        lesson.homework ? `${lesson.homework.text} (к ${longDate(lesson.homework.dueDate)})` : '',
      ]),
      fontSize: 8,
    });
  }
  return writer.finish({
    title: `${title} ${journal.groupId} ${journal.subjectId ?? ''} ${journal.academicYear}`.replace(
      /\s+/g,
      ' ',
    ),
    author: journal.schoolId,
    subject: place.identifier,
    keywords: [place.identifier, `version ${place.version}`, journal.kind],
    date: new Date(journal.sealedAt ?? 0),
    identity: `${place.identifier}@${place.version}`,
  });
}

/** Each pupil's cell of a lesson: the attendance mark, then the marks (`б 4`, `5/4`). */
function cellsOf(journal: JournalContent, lessonId: string): Map<string, string> {
  const cells = new Map<string, string>();
  for (const [pupil, status] of journal.attendance.get(lessonId) ?? [])
    cells.set(pupil, attendanceLabel(status));
  for (const [pupil, marks] of journal.marks.get(lessonId) ?? []) {
    const shown = marks.map(markLabel).join('/');
    const absence = cells.get(pupil);
    cells.set(pupil, absence ? `${absence} ${shown}` : shown);
  }
  return cells;
}
