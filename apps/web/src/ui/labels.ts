export const ROLE_NAMES: Record<string, string> = {
  regional_operator: 'оператор региона',
  municipal_operator: 'оператор муниципалитета',
  auditor: 'аудитор',
  school_admin: 'администратор школы',
  head: 'директор',
  deputy_head: 'завуч',
  teacher: 'учитель',
  class_teacher: 'классный руководитель',
  parent: 'родитель',
  pupil: 'ученик',
  service: 'сервис',
};

export const KIND_NAMES: Record<string, string> = {
  lesson: 'Урок',
  elective: 'Факультатив',
  club: 'Кружок',
  extended_day: 'Группа продлённого дня',
  extracurricular: 'Внеурочная деятельность',
  individual: 'Индивидуальные занятия',
};

const SUBJECTS: Record<string, string> = {
  math: 'Математика',
  algebra: 'Алгебра',
  geometry: 'Геометрия',
  russian: 'Русский язык',
  literature: 'Литература',
  physics: 'Физика',
  chemistry: 'Химия',
  biology: 'Биология',
  history: 'История',
  geography: 'География',
  english: 'Английский язык',
  informatics: 'Информатика',
  music: 'Музыка',
  art: 'Изобразительное искусство',
  pe: 'Физическая культура',
};

/** `subject-math` → «Математика»; an unknown subject keeps its id. */
export function subjectName(subjectId: string | null, kind = 'lesson'): string {
  if (!subjectId) return KIND_NAMES[kind] ?? kind;
  return SUBJECTS[subjectId.replace(/^subject-/, '')] ?? subjectId;
}

/** How a cell shows an absence, and the key that records it (Russian layout first). */
export const ATTENDANCE_LABELS: Record<string, string> = {
  absent: 'Н',
  sick: 'Б',
  excused: 'УП',
  late: 'ОП',
};

export const ATTENDANCE_NAMES: Record<string, string> = {
  absent: 'отсутствовал',
  sick: 'болел',
  excused: 'уважительная причина',
  late: 'опоздал',
  present: 'присутствовал',
};

export const MARK_LABELS: Record<string, string> = {
  pass: 'зач',
  fail: 'незач',
  exempt: 'осв',
  not_attested: 'н/а',
};

export const markLabel = (value: string) => MARK_LABELS[value] ?? value;

export const EVENT_NAMES: Record<string, string> = {
  MarkRecorded: 'Отметка выставлена',
  MarkCorrected: 'Отметка исправлена',
  MarkRevoked: 'Отметка отменена',
  AttendanceRecorded: 'Посещаемость отмечена',
  AttendanceCorrected: 'Посещаемость исправлена',
};

/**
 * An `Intl` format made on first use: the first `Intl.DateTimeFormat` of a page loads the
 * browser's locale and zone data (36–386 ms measured in a fresh Chromium page under load), which
 * must not delay the first screen.
 */
export function lazyFormat(options: Intl.DateTimeFormatOptions): (date: Date) => string {
  let format: Intl.DateTimeFormat | null = null;
  return (date) => (format ??= new Intl.DateTimeFormat('ru-RU', options)).format(date);
}

const instantFormat = lazyFormat({ dateStyle: 'short', timeStyle: 'medium' });

/** `2026-10-05` → `05.10`, as `ru-RU` writes day and month, without `Intl` (grid headers). */
export const shortDate = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}`;
export const instantText = (instant: string) => instantFormat(new Date(instant));

export const averageText = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : value.toFixed(2).replace('.', ',');
