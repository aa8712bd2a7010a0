import type { SourceEvent } from './source-event';

export interface LessonRow {
  lessonId: string;
  date: string;
  slot: number;
  topic: string;
  homework: { text: string; dueDate: string } | null;
}

/** A journal as its document prints it: ids only; names come from identity at print time. */
export interface JournalContent {
  journalId: string;
  schoolId: string;
  academicYear: string;
  groupId: string;
  kind: string;
  subjectId: string | null;
  scale: string;
  teacherIds: string[];
  /** Held lessons in date and slot order, voided ones left out. */
  lessons: LessonRow[];
  /** Every pupil with a mark or an attendance entry. */
  pupilIds: string[];
  /** `lessonId` → `pupilId` → the cell's current marks, in the order they were recorded. */
  marks: Map<string, Map<string, string[]>>;
  /** `lessonId` → `pupilId` → absent, excused, sick or late. */
  attendance: Map<string, Map<string, string>>;
  sealedAt: string | null;
  version: number;
}

interface Mark {
  lessonId: string;
  pupilId: string;
  value: string;
  revoked: boolean;
}

const text = (data: Record<string, unknown>, key: string) => String(data[key]);

/** Folds a journal stream (in version order) into what its year-end document shows. */
export function foldJournal(events: readonly SourceEvent[]): JournalContent {
  const lessons = new Map<string, LessonRow>();
  const marks = new Map<string, Mark>();
  const attendance = new Map<string, Map<string, string>>();
  const teachers: string[] = [];
  const content: JournalContent = {
    journalId: '',
    schoolId: '',
    academicYear: '',
    groupId: '',
    kind: 'lesson',
    subjectId: null,
    scale: 'five_point',
    teacherIds: teachers,
    lessons: [],
    pupilIds: [],
    marks: new Map(),
    attendance,
    sealedAt: null,
    version: 0,
  };
  for (const { type, data, recordedAt, streamVersion } of events) {
    content.version = streamVersion;
    if (type === 'JournalOpened') {
      Object.assign(content, {
        journalId: text(data, 'journalId'),
        schoolId: text(data, 'schoolId'),
        academicYear: text(data, 'academicYear'),
        groupId: text(data, 'groupId'),
        kind: text(data, 'kind'),
        subjectId: (data['subjectId'] as string | null) ?? null,
        scale: text(data, 'scale'),
      });
    } else if (type === 'TeacherAssigned') {
      const teacher = text(data, 'teacherId');
      if (!teachers.includes(teacher)) teachers.push(teacher);
    } else if (type === 'LessonHeld') {
      lessons.set(text(data, 'lessonId'), {
        lessonId: text(data, 'lessonId'),
        date: text(data, 'date'),
        slot: Number(data['slot']),
        topic: text(data, 'topic'),
        homework: (data['homework'] as LessonRow['homework']) ?? null,
      });
    } else if (type === 'LessonEdited') {
      const lesson = lessons.get(text(data, 'lessonId'));
      if (lesson) {
        lesson.topic = text(data, 'topic');
        lesson.homework = (data['homework'] as LessonRow['homework']) ?? null;
      }
    } else if (type === 'LessonVoided') {
      lessons.delete(text(data, 'lessonId'));
    } else if (type === 'MarkRecorded') {
      marks.set(text(data, 'markId'), {
        lessonId: text(data, 'lessonId'),
        pupilId: text(data, 'pupilId'),
        value: text(data, 'value'),
        revoked: false,
      });
    } else if (type === 'MarkCorrected') {
      const mark = marks.get(text(data, 'markId'));
      if (mark) mark.value = text(data, 'value');
    } else if (type === 'MarkRevoked') {
      const mark = marks.get(text(data, 'markId'));
      if (mark) mark.revoked = true;
    } else if (type === 'AttendanceRecorded' || type === 'AttendanceCorrected') {
      const status = text(data, type === 'AttendanceRecorded' ? 'status' : 'to');
      const cells = attendance.get(text(data, 'lessonId')) ?? new Map<string, string>();
      if (status === 'present') cells.delete(text(data, 'pupilId'));
      else cells.set(text(data, 'pupilId'), status);
      attendance.set(text(data, 'lessonId'), cells);
    } else if (type === 'JournalSealed') {
      content.sealedAt = recordedAt;
    }
  }
  for (const lessonId of attendance.keys()) if (!lessons.has(lessonId)) attendance.delete(lessonId);
  const pupils = new Set<string>();
  for (const mark of marks.values()) {
    if (mark.revoked || !lessons.has(mark.lessonId)) continue;
    const cells = content.marks.get(mark.lessonId) ?? new Map<string, string[]>();
    cells.set(mark.pupilId, [...(cells.get(mark.pupilId) ?? []), mark.value]);
    content.marks.set(mark.lessonId, cells);
    pupils.add(mark.pupilId);
  }
  for (const cells of attendance.values()) for (const pupil of cells.keys()) pupils.add(pupil);
  content.pupilIds = [...pupils].sort();
  content.lessons = [...lessons.values()].sort(
    (a, b) => a.date.localeCompare(b.date) || a.slot - b.slot,
  );
  return content;
}
