import type { JournalCommand } from './journal.commands';
import type { JournalFact, JournalFactOf } from './journal.events';
import { refuse } from './journal.errors';
import { authoriseCorrection } from './correction-authority';
import { requireHomeworkAfter } from './journal.decide-lessons';
import type { OpenJournalState } from './journal.guards';
import { cellKey, cellRevision, type LessonState, type MarkState } from './journal.state';
import { isOnScale } from './mark-scales';

type Command<T extends JournalCommand['type']> = Extract<JournalCommand, { type: T }>;
type MarkValue = JournalFactOf<'MarkCorrected'>['data']['value'];

function liveLesson(state: OpenJournalState, lessonId: string): LessonState {
  const lesson = state.lessons[lessonId];
  if (!lesson) throw refuse.notFound('JOURNAL.LESSON_NOT_FOUND', `No lesson ${lessonId}`);
  if (lesson.voided) {
    throw refuse.conflict('JOURNAL.LESSON_VOIDED', `Lesson ${lessonId} was voided`);
  }
  return lesson;
}

function liveMark(state: OpenJournalState, markId: string): [MarkState, LessonState] {
  const mark = state.marks[markId];
  if (!mark) throw refuse.notFound('JOURNAL.MARK_NOT_FOUND', `No mark ${markId}`);
  if (mark.revoked) throw refuse.conflict('JOURNAL.MARK_REVOKED', `Mark ${markId} was revoked`);
  return [mark, liveLesson(state, mark.lessonId)];
}

/** Only the cell matters: a colleague's entries in other cells never conflict. */
function requireCellAt(
  state: OpenJournalState,
  lessonId: string,
  pupilId: string,
  expected: number,
): void {
  if (cellRevision(state, lessonId, pupilId) !== expected) {
    throw refuse.conflict(
      'JOURNAL.CELL_CHANGED',
      'Someone changed the cell since it was read: reload it and try again',
    );
  }
}

const nothingToCorrect = (what: string) =>
  refuse.unprocessable('JOURNAL.NOTHING_TO_CORRECT', `The ${what} is already as requested`);

export function correctMark(
  command: Command<'CorrectMark'>,
  state: OpenJournalState,
): JournalFact[] {
  const { markId, value } = command;
  const [mark, lesson] = liveMark(state, markId);
  const fields = authoriseCorrection(state, command, {
    lessonDate: lesson.date,
    author: mark.author,
  });
  requireCellAt(state, mark.lessonId, mark.pupilId, command.expectedCellRevision);
  if (mark.value === value) throw nothingToCorrect('mark');
  if (!isOnScale(state.journal.scale, value)) {
    throw refuse.unprocessable(
      'JOURNAL.MARK_OUT_OF_SCALE',
      `${value} is not on the ${state.journal.scale} scale`,
    );
  }
  const corrected = { markId, correctsEventId: mark.lastEventId, from: mark.value };
  return [{ type: 'MarkCorrected', data: { ...corrected, value: value as MarkValue, ...fields } }];
}

export function revokeMark(command: Command<'RevokeMark'>, state: OpenJournalState): JournalFact[] {
  const { markId } = command;
  const [mark, lesson] = liveMark(state, markId);
  const fields = authoriseCorrection(state, command, {
    lessonDate: lesson.date,
    author: mark.author,
  });
  requireCellAt(state, mark.lessonId, mark.pupilId, command.expectedCellRevision);
  return [{ type: 'MarkRevoked', data: { markId, ...fields } }];
}

export function correctAttendance(
  command: Command<'CorrectAttendance'>,
  state: OpenJournalState,
): JournalFact[] {
  const { lessonId, pupilId, to } = command;
  const lesson = liveLesson(state, lessonId);
  const entry = state.attendance[cellKey(lessonId, pupilId)];
  if (!entry || entry.status === null) {
    throw refuse.notFound('JOURNAL.ATTENDANCE_NOT_FOUND', 'The pupil has no attendance entry');
  }
  const from = entry.status;
  const fields = authoriseCorrection(state, command, {
    lessonDate: lesson.date,
    author: entry.author,
  });
  requireCellAt(state, lessonId, pupilId, command.expectedCellRevision);
  if (from === to) throw nothingToCorrect('attendance');
  return [{ type: 'AttendanceCorrected', data: { lessonId, pupilId, from, to, ...fields } }];
}

export function editLesson(command: Command<'EditLesson'>, state: OpenJournalState): JournalFact[] {
  const { lessonId, topic, homework } = command;
  const lesson = liveLesson(state, lessonId);
  const fields = authoriseCorrection(state, command, {
    lessonDate: lesson.date,
    author: lesson.author,
  });
  const sameHomework =
    lesson.homework?.text === homework?.text && lesson.homework?.dueDate === homework?.dueDate;
  if (lesson.topic === topic && sameHomework) throw nothingToCorrect('lesson');
  requireHomeworkAfter(lesson.date, homework);
  return [{ type: 'LessonEdited', data: { lessonId, topic, homework, ...fields } }];
}

export function voidLesson(command: Command<'VoidLesson'>, state: OpenJournalState): JournalFact[] {
  const { lessonId } = command;
  const lesson = liveLesson(state, lessonId);
  const fields = authoriseCorrection(state, command, {
    lessonDate: lesson.date,
    author: lesson.author,
  });
  return [{ type: 'LessonVoided', data: { lessonId, ...fields } }];
}
