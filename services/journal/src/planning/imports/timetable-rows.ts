import { omit } from '../domain/omit';
import type { TemplateLesson, TimetableVersion } from '../domain/planning.state';
import type { AscTimetable } from './asc-timetable';
import { csvRows, type RowIssue } from './table-rows';

/** A lesson of an imported timetable, with the line or card it came from. */
export interface ImportedLesson extends TemplateLesson {
  line: number;
  groupId: string;
}

export interface ImportedTimetable {
  lessons: ImportedLesson[];
  issues: RowIssue[];
  /** Bells the file sets (aSc `<periods>` with times), or none. */
  bells: { slot: number; startsAt: string; endsAt: string }[];
}

const DAYS: Record<string, number> = {
  пн: 1,
  вт: 2,
  ср: 3,
  чт: 4,
  пт: 5,
  сб: 6,
  вс: 7,
  понедельник: 1,
  вторник: 2,
  среда: 3,
  четверг: 4,
  пятница: 5,
  суббота: 6,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
  sun: 7,
};

const CSV_ALIASES: Record<string, string> = {
  класс: 'groupId',
  class: 'groupId',
  group: 'groupId',
  groupid: 'groupId',
  группа: 'groupId',
  день: 'day',
  day: 'day',
  урок: 'slot',
  '№ урока': 'slot',
  slot: 'slot',
  журнал: 'journalId',
  journal: 'journalId',
  journalid: 'journalId',
  учитель: 'teacherId',
  teacher: 'teacherId',
  teacherid: 'teacherId',
  кабинет: 'roomId',
  room: 'roomId',
  roomid: 'roomId',
  подгруппа: 'subgroup',
  subgroup: 'subgroup',
};

const dayOf = (value: string) => DAYS[value.toLocaleLowerCase('ru')] ?? Number(value);

/**
 * A timetable CSV: one lesson a row, `class;day;slot;journal;teacher;room;subgroup` (ids of the
 * platform; Russian headers too: класс;день;урок;журнал;учитель;кабинет;подгруппа), days as
 * 1–7 or Пн…Вс.
 */
export function timetableFromCsv(content: string): ImportedTimetable {
  const lessons: ImportedLesson[] = [];
  const issues: RowIssue[] = [];
  for (const { line, cells } of csvRows(content, CSV_ALIASES)) {
    const day = dayOf(cells['day'] ?? '');
    const slot = Number(cells['slot']);
    const subgroup = cells['subgroup'] ? Number(cells['subgroup']) : null;
    const missing = ['groupId', 'journalId', 'teacherId'].filter((field) => !cells[field]);
    if (missing.length > 0) {
      issues.push({ line, code: 'PLANNING.INVALID_ROW', detail: `Missing ${missing.join(', ')}` });
      continue;
    }
    if (!(day >= 1 && day <= 7) || !(slot >= 1 && slot <= 12) || Number.isNaN(subgroup)) {
      issues.push({
        line,
        code: 'PLANNING.INVALID_ROW',
        detail: 'Day 1–7, slot 1–12, subgroup 1–4',
      });
      continue;
    }
    lessons.push({
      line,
      groupId: cells['groupId'] ?? '',
      day,
      slot,
      journalId: cells['journalId'] ?? '',
      teacherId: cells['teacherId'] ?? '',
      roomId: cells['roomId'] || null,
      subgroup,
    });
  }
  return { lessons, issues, bells: [] };
}

/** How aSc's ids become the platform's: by aSc id or short name, else the `partner_id`. */
export interface AscMapping {
  classes?: Record<string, string>;
  teachers?: Record<string, string>;
  subjects?: Record<string, string>;
  classrooms?: Record<string, string>;
  /** An aSc lesson (by id) to a journal, where class and subject do not find one. */
  lessons?: Record<string, string>;
}

/** The journal of a class or group and subject, when the school has exactly one. */
export type JournalFinder = (groupId: string, subjectId: string) => string | null;

export function timetableFromAsc(
  asc: AscTimetable,
  mapping: AscMapping,
  findJournal: JournalFinder,
): ImportedTimetable {
  const lessons: ImportedLesson[] = [];
  const issues: RowIssue[] = [];
  const mapped = (
    table: Record<string, string> | undefined,
    entity: { id: string; short: string; partnerId: string } | undefined,
  ) =>
    entity ? (table?.[entity.id] ?? table?.[entity.short] ?? (entity.partnerId || null)) : null;
  for (const card of asc.cards) {
    const fault = (code: string, detail: string) =>
      issues.push({ line: card.line, code, detail: `card ${card.line}: ${detail}` });
    const lesson = asc.lessons.get(card.lessonId);
    if (!lesson) {
      fault('PLANNING.UNKNOWN_ASC_LESSON', `no lesson ${card.lessonId}`);
      continue;
    }
    if (!(card.period >= 1 && card.period <= 12) || card.days.length === 0) {
      fault('PLANNING.INVALID_ROW', `period ${card.period}, days ${card.days.join(',')}`);
      continue;
    }
    const subjectId = mapped(mapping.subjects, asc.subjects.get(lesson.subjectId));
    const roomAsc = asc.classrooms.get(card.classroomIds[0] ?? lesson.classroomIds[0] ?? '');
    const roomId = roomAsc
      ? (mapped(mapping.classrooms, roomAsc) ?? `asc-room-${safe(roomAsc.id)}`)
      : null;
    lesson.classIds.forEach((classAscId) => {
      const groupId = mapped(mapping.classes, asc.classes.get(classAscId));
      if (!groupId)
        return void fault('PLANNING.UNMAPPED_CLASS', `class ${classAscId} has no id here`);
      const divisions = lesson.groupIds
        .map((id) => asc.groups.get(id))
        .filter((group) => group && group.classId === classAscId && !group.entireClass);
      const parts = divisions.length > 0 ? divisions : [null];
      parts.forEach((division, index) => {
        const teacherAsc = lesson.teacherIds[parts.length > 1 ? index : 0] ?? lesson.teacherIds[0];
        const teacherId = mapped(mapping.teachers, asc.teachers.get(teacherAsc ?? ''));
        if (!teacherId)
          return void fault(
            'PLANNING.UNMAPPED_TEACHER',
            `teacher ${teacherAsc ?? '-'} has no id here`,
          );
        const journalId =
          mapping.lessons?.[lesson.id] ??
          (lesson.partnerId || (subjectId ? findJournal(groupId, subjectId) : null));
        if (!journalId) {
          return void fault(
            'PLANNING.UNMAPPED_JOURNAL',
            `no journal of ${groupId} for subject ${subjectId ?? lesson.subjectId}`,
          );
        }
        const subgroup = division
          ? subgroupOf(asc, division.id, classAscId, division.divisionTag)
          : null;
        for (const day of card.days) {
          for (
            let slot = card.period;
            slot < card.period + lesson.periodsPerCard && slot <= 12;
            slot += 1
          ) {
            lessons.push({
              line: card.line,
              groupId,
              day,
              slot,
              journalId,
              teacherId,
              roomId,
              subgroup,
            });
          }
        }
      });
    });
  }
  const bells = asc.periods
    .filter((p) => p.startsAt !== null && p.endsAt !== null && p.period >= 1 && p.period <= 12)
    .map((p) => ({ slot: p.period, startsAt: p.startsAt ?? '', endsAt: p.endsAt ?? '' }));
  return { lessons, issues, bells };
}

/** A division's place among its class's groups of the same division (1-based, by aSc id). */
function subgroupOf(asc: AscTimetable, groupId: string, classId: string, tag: string): number {
  const siblings = [...asc.groups.values()]
    .filter((g) => g.classId === classId && !g.entireClass && g.divisionTag === tag)
    .map((g) => g.id)
    .sort();
  return Math.min(4, siblings.indexOf(groupId) + 1);
}

const safe = (id: string) => id.replace(/[^A-Za-z0-9._:-]/g, '') || 'x';

/** The imported lessons as one version per class or group. */
export function versionsOf(
  lessons: readonly ImportedLesson[],
  effectiveFrom: string,
  shift: number,
): TimetableVersion[] {
  const byGroup = new Map<string, TemplateLesson[]>();
  for (const imported of lessons) {
    const lesson = omit(imported, 'line', 'groupId');
    byGroup.set(imported.groupId, [...(byGroup.get(imported.groupId) ?? []), lesson]);
  }
  return [...byGroup].map(([groupId, groupLessons]) => ({
    groupId,
    versionId: `${groupId}-${effectiveFrom}`,
    effectiveFrom,
    shift,
    lessons: groupLessons.sort((a, b) => a.day - b.day || a.slot - b.slot),
  }));
}
