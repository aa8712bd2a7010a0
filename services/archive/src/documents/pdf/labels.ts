/** How a paper journal writes what the events hold as codes. */
export const JOURNAL_TITLES: Record<string, string> = {
  lesson: 'Классный журнал',
  elective: 'Журнал факультативных занятий',
  club: 'Журнал кружка',
  extended_day: 'Журнал группы продлённого дня',
  extracurricular: 'Журнал внеурочной деятельности',
  individual: 'Журнал индивидуальных занятий',
};

const MARKS: Record<string, string> = {
  pass: 'зач',
  fail: 'незач',
  exempt: 'осв',
  not_attested: 'н/а',
};

/** Н — absent, Б — sick, У — excused (уважительная причина), ОП — late (опоздание). */
const ATTENDANCE: Record<string, string> = { absent: 'н', sick: 'б', excused: 'у', late: 'оп' };

export const DECISIONS: Record<string, string> = {
  promoted: 'переведён(а) в следующий класс',
  promoted_conditionally: 'переведён(а) условно',
  retained: 'оставлен(а) на повторное обучение',
  admitted_to_exams: 'допущен(а) к экзаменам',
  not_admitted_to_exams: 'не допущен(а) к экзаменам',
  graduated: 'окончил(а) обучение',
};

export const markLabel = (value: string) => MARKS[value] ?? value;
export const attendanceLabel = (status: string) => ATTENDANCE[status] ?? status;

/** `2026-09-05` → `05.09` (column headers) or `05.09.2026`. */
export const shortDate = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}`;
export const longDate = (date: string) => `${shortDate(date)}.${date.slice(0, 4)}`;

/** A person as the document prints them; an id identity could not name stays an id. */
export const nameOr = (names: ReadonlyMap<string, string>, id: string) =>
  names.get(id) ?? `[${id}]`;
