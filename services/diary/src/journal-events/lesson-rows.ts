import type { PoolClient } from 'pg';

/** A lesson with its journal, as notifications and documents name it. */
export interface LessonRow {
  lessonId: string;
  journalId: string;
  schoolId: string;
  academicYear: string;
  groupId: string;
  subjectId: string | null;
  activityKind: string;
  date: string;
  homework: { text: string; dueDate: string } | null;
}

/** An event names a lesson its stream never held: the stream is inconsistent, not late. */
export class UnknownLessonError extends Error {
  readonly code = 'DIARY.UNKNOWN_LESSON';

  constructor(lessonId: string) {
    super(`No lesson ${lessonId} was held in this journal`);
    this.name = 'UnknownLessonError';
  }
}

export async function lessonRow(client: PoolClient, lessonId: string): Promise<LessonRow> {
  const { rows } = await client.query<Omit<LessonRow, 'homework'> & HomeworkColumns>(
    `SELECT l.lesson_id AS "lessonId", l.journal_id AS "journalId", j.school_id AS "schoolId",
            j.academic_year AS "academicYear", j.group_id AS "groupId",
            j.subject_id AS "subjectId", j.kind AS "activityKind",
            to_char(l.date, 'YYYY-MM-DD') AS date, l.homework_text AS "homeworkText",
            to_char(l.homework_due, 'YYYY-MM-DD') AS "homeworkDue"
     FROM diary.lessons l JOIN diary.journals j ON j.journal_id = l.journal_id
     WHERE l.lesson_id = $1`,
    [lessonId],
  );
  const row = rows[0];
  if (!row) throw new UnknownLessonError(lessonId);
  const { homeworkText, homeworkDue, ...lesson } = row;
  return {
    ...lesson,
    homework: homeworkText !== null ? { text: homeworkText, dueDate: homeworkDue as string } : null,
  };
}

interface HomeworkColumns {
  homeworkText: string | null;
  homeworkDue: string | null;
}

/** Pupils with a mark or an attendance entry in the lesson. */
export async function pupilsWithEntries(client: PoolClient, lessonId: string): Promise<string[]> {
  const { rows } = await client.query<{ pupil_id: string }>(
    `SELECT pupil_id FROM diary.marks WHERE lesson_id = $1
     UNION SELECT pupil_id FROM diary.attendance WHERE lesson_id = $1`,
    [lessonId],
  );
  return rows.map((row) => row.pupil_id);
}

/** What a notification says about its lesson. */
export function lessonRef(lesson: LessonRow) {
  const { journalId, lessonId, subjectId, activityKind, date } = lesson;
  return { journalId, lessonId, subjectId, activityKind, date };
}
