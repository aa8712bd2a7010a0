import { isWithin, periodOf, type IsoDate } from '@ejournal/decider';
import type { JournalCommand, Homework } from './journal.commands';
import type { JournalFact } from './journal.events';
import { refuse } from './journal.errors';
import { recordColumn } from './journal.entries';
import { calendarOf, refuseIfClosed, todayOf, type OpenJournalState } from './journal.guards';
import { mayWrite } from './journal.state';

type Command<T extends JournalCommand['type']> = Extract<JournalCommand, { type: T }>;

export function requireWriter(
  state: OpenJournalState,
  userId: string,
  date: IsoDate,
  slot: number,
): void {
  if (!mayWrite(state, userId, date, slot)) {
    throw refuse.forbidden(
      'JOURNAL.NOT_ASSIGNED',
      `The caller neither teaches the journal on ${date} nor substitutes in slot ${slot}`,
    );
  }
}

export function requireHomeworkAfter(date: IsoDate, homework: Homework | null): void {
  if (homework !== null && homework.dueDate < date) {
    throw refuse.unprocessable(
      'JOURNAL.HOMEWORK_DUE_BEFORE_LESSON',
      `Homework cannot be due on ${homework.dueDate}, before the lesson of ${date}`,
    );
  }
}

export function recordLesson(
  command: Command<'RecordLesson'>,
  state: OpenJournalState,
): JournalFact[] {
  const { lessonId, date, slot, topic, homework, facts } = command;
  if (state.lessons[lessonId]) {
    throw refuse.conflict('JOURNAL.LESSON_EXISTS', `Lesson ${lessonId} is already recorded`);
  }
  const calendar = calendarOf(facts);
  if (!isWithin(date, calendar)) {
    throw refuse.unprocessable(
      'JOURNAL.DATE_OUTSIDE_YEAR',
      `${date} is outside the academic year ${calendar.academicYear}`,
    );
  }
  if (date > todayOf(facts)) {
    throw refuse.unprocessable('JOURNAL.DATE_IN_FUTURE', `${date} has not come yet`);
  }
  if (periodOf(calendar, date) === null) {
    throw refuse.unprocessable('JOURNAL.DATE_OUTSIDE_PERIODS', `${date} is in no study period`);
  }
  requireWriter(state, facts.caller.userId, date, slot);
  const taken = Object.values(state.lessons).some(
    (lesson) => !lesson.voided && lesson.date === date && lesson.slot === slot,
  );
  if (taken) {
    throw refuse.conflict('JOURNAL.SLOT_TAKEN', `A lesson is already recorded in slot ${slot}`);
  }
  refuseIfClosed(state, calendar, date);
  requireHomeworkAfter(date, homework);
  const column = recordColumn(state, {
    lessonId,
    entries: command.entries,
    scale: state.journal.scale,
    facts,
  });
  return [{ type: 'LessonHeld', data: { lessonId, date, slot, topic, homework } }, ...column];
}

export function recordEntries(
  command: Command<'RecordEntries'>,
  state: OpenJournalState,
): JournalFact[] {
  const { lessonId, entries, facts } = command;
  const lesson = state.lessons[lessonId];
  if (!lesson) throw refuse.notFound('JOURNAL.LESSON_NOT_FOUND', `No lesson ${lessonId}`);
  if (lesson.voided) {
    throw refuse.conflict('JOURNAL.LESSON_VOIDED', `Lesson ${lessonId} was voided`);
  }
  if (entries.length === 0) {
    throw refuse.unprocessable('JOURNAL.EMPTY_COLUMN', 'The column has no entries');
  }
  requireWriter(state, facts.caller.userId, lesson.date, lesson.slot);
  refuseIfClosed(state, calendarOf(facts), lesson.date);
  return recordColumn(state, { lessonId, entries, scale: state.journal.scale, facts });
}
