import { journalRegistry, journalStreamId, newEventId, type NewEvent } from '@ejournal/contracts';
import { PostgresEventStore } from '@ejournal/event-store';
import { Pool } from 'pg';
import { runConcurrently } from '../measure';
import { attendanceOf, lessonDates, REGION_ID, SCHOOL_ID, type BenchSchool } from './school';

export const YEAR_LESSONS = 170;

export interface HistoryJournal {
  journalId: string;
  teacherId: string;
  pupils: string[];
  /** The stream version after the history. */
  version: number;
  /** How many events its history holds. */
  historyEvents: number;
  /** The instant its whole history was recorded: an as-of read there folds the year. */
  recordedAt: string;
  /** Lessons of the last fortnight, with the pupils who were not absent (single marks). */
  recent: { lessonId: string; pupils: string[] }[];
  /** Free (date, slot) pairs for the load's new lessons. */
  slots: { date: string; slot: number }[];
}

/** One lesson column as the command runner would have appended it: LessonHeld, then cells. */
function lessonColumn(journal: HistoryJournal, index: number, date: string, slot: number) {
  const at = Date.parse(`${date}T06:00:00Z`) + slot * 3_600_000;
  const envelope = (type: string, data: unknown): NewEvent => ({
    eventId: newEventId(at),
    type,
    schemaVersion: journalRegistry.currentVersion(type),
    occurredAt: new Date(at).toISOString(),
    tenant: { regionId: REGION_ID, schoolId: SCHOOL_ID },
    actor: { userId: journal.teacherId, role: 'teacher', onBehalfOf: null },
    correlationId: `bench-lesson-${index}`,
    causationId: null,
    traceparent: null,
    data,
  });
  const lessonId = newEventId(at);
  const test = index % 10 === 9;
  const homework = index % 3 === 0 ? { text: `§ ${index + 1}`, dueDate: date } : null;
  const events = [
    envelope('LessonHeld', { lessonId, date, slot, topic: `Тема ${index + 1}`, homework }),
  ];
  const present: string[] = [];
  journal.pupils.forEach((pupilId, p) => {
    const status = attendanceOf(index, p);
    if (status) events.push(envelope('AttendanceRecorded', { lessonId, pupilId, status }));
    if (status === 'absent') return;
    present.push(pupilId);
    const mark = {
      markId: newEventId(at),
      lessonId,
      pupilId,
      value: String(2 + ((index * 13 + p * 5) % 4)),
      workType: test ? 'test' : 'classwork',
      weight: test ? 2 : 1,
    };
    events.push(envelope('MarkRecorded', mark));
  });
  return { lessonId, events, present };
}

/**
 * History appended straight to each `journal-{id}` stream with the journal's own store
 * (journalRegistry, hash chain), one append per lesson column at the expected version, as the
 * command runner does; `writers` journals at a time. The first `fullYear` journals get a year
 * of lessons (YEAR_LESSONS school days from the year's start to three days ago), the others
 * the last fortnight's lessons only.
 */
export async function appendHistory(
  appUrl: string,
  school: BenchSchool,
  journals: HistoryJournal[],
  fullYear: number,
  writers = 8,
) {
  const pool = new Pool({ connectionString: appUrl, max: writers });
  pool.on('error', () => undefined);
  const store = new PostgresEventStore({ pool, schemas: journalRegistry });
  const [fortnightAgo, last] = [school.daysAgo(14), school.daysAgo(3)];
  const year = lessonDates(school.startsOn, last, YEAR_LESSONS);
  const fortnight = lessonDates(fortnightAgo, last);
  let events = 0;
  try {
    const { seconds } = await runConcurrently(writers, journals.length, async (index) => {
      const journal = journals[index] as HistoryJournal;
      for (const [lesson, { date, slot }] of (index < fullYear ? year : fortnight).entries()) {
        const column = lessonColumn(journal, lesson, date, slot);
        const stream = journalStreamId(journal.journalId);
        await store.append(stream, journal.version, column.events);
        journal.version += column.events.length;
        journal.historyEvents += column.events.length;
        events += column.events.length;
        if (date >= fortnightAgo)
          journal.recent.push({ lessonId: column.lessonId, pupils: column.present });
      }
      journal.recordedAt = new Date().toISOString();
    });
    return { events, seconds };
  } finally {
    await store.close();
    await pool.end();
  }
}
