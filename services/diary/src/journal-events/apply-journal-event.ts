import type { RecordedJournalEvent } from '@ejournal/contracts';
import { unreachable } from '@ejournal/decider';
import { membersOn } from '@ejournal/identity-facts';
import type { PoolClient } from 'pg';
import { DIARY_FACTS } from '../facts/project-identity-event';
import { isoWeekOf } from '../read-models/iso-week';
import {
  lessonRef,
  lessonRow,
  pupilsWithEntries,
  UnknownLessonError,
  type LessonRow,
} from './lesson-rows';
import type { NotificationDraft } from './notification-rows';
import { marksKey, weekKey, type StaleKey } from './stale-documents';

/** What applying an event changed: documents to write again, notifications to send. */
export interface Applied {
  stale: StaleKey[];
  drafts: NotificationDraft[];
}

const NOTHING: Applied = { stale: [], drafts: [] };

/** The pupils a lesson concerns: its group on the lesson's date and anyone with an entry. */
async function pupilsOf(client: PoolClient, lesson: LessonRow): Promise<string[]> {
  const [members, entered] = await Promise.all([
    membersOn(client, DIARY_FACTS, lesson.groupId, lesson.date),
    pupilsWithEntries(client, lesson.lessonId),
  ]);
  return [...new Set([...members, ...entered])].sort();
}

/**
 * The lesson's week of each pupil, and the weeks its homework is due in (listed there as due,
 * beside the planned lessons): before and after a change.
 */
const weeks = (pupils: string[], lesson: LessonRow, ...dueDates: (string | null | undefined)[]) => {
  const dates = [lesson.date, lesson.homework?.dueDate, ...dueDates].filter(
    (date): date is string => Boolean(date),
  );
  const isoWeeks = [...new Set(dates.map((date) => isoWeekOf(date)))];
  return pupils.flatMap((pupil) => isoWeeks.map((week) => weekKey(pupil, week)));
};

/** One entry of one pupil: their week and marks documents, one notification draft. */
function entry(lesson: LessonRow, pupilId: string, draft: Omit<NotificationDraft, 'pupilIds'>) {
  const stale = [weekKey(pupilId, isoWeekOf(lesson.date)), marksKey(pupilId, lesson.academicYear)];
  return { stale, drafts: [{ ...draft, pupilIds: [pupilId] }] } as Applied;
}

async function markOf(client: PoolClient, markId: string) {
  const { rows } = await client.query<{ lesson_id: string; pupil_id: string; value: string }>(
    'SELECT lesson_id, pupil_id, value FROM diary.marks WHERE mark_id = $1',
    [markId],
  );
  if (!rows[0]) throw new UnknownLessonError(`of mark ${markId}`);
  return rows[0];
}

/**
 * What a run of events in one transaction shares: the lessons read (a column save's marks name
 * one lesson; an event changing a lesson drops it) and, when `marks` is kept, the recorded
 * marks not inserted yet: consecutive MarkRecorded events go in one statement (`flushMarks`),
 * which the run makes before any other event and at its end.
 */
export interface RunState {
  lessons: Map<string, LessonRow>;
  marks: unknown[][] | null;
}

const MARK_COLUMNS = ['mark_id', 'journal_id', 'lesson_id', 'pupil_id', 'value', 'work_type'];

/** Inserts the marks a run kept back, in one statement. */
export async function flushMarks(client: PoolClient, run: RunState): Promise<void> {
  const rows = run.marks ?? [];
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO diary.marks (${MARK_COLUMNS.join(', ')}, weight)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
       $6::text[], $7::numeric[])`,
    MARK_COLUMNS.concat('weight').map((_, column) => rows.map((row) => row[column])),
  );
  rows.length = 0;
}

/** Applies one event of a `journal-*` stream to the diary's tables (in the caller's transaction). */
export async function applyJournalEvent(
  client: PoolClient,
  event: RecordedJournalEvent,
  run: RunState = { lessons: new Map(), marks: null },
): Promise<Applied> {
  const { lessons } = run;
  const lessonOf = async (lessonId: string) => {
    const known = lessons.get(lessonId);
    if (known) return known;
    const read = await lessonRow(client, lessonId);
    lessons.set(lessonId, read);
    return read;
  };
  switch (event.type) {
    case 'JournalOpened': {
      const { journalId, schoolId, academicYear, groupId, kind, subjectId, scale } = event.data;
      await client.query(
        `INSERT INTO diary.journals VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (journal_id) DO NOTHING`,
        [journalId, schoolId, academicYear, groupId, kind, subjectId, scale],
      );
      return NOTHING;
    }
    case 'LessonHeld': {
      const { lessonId, date, slot, topic, homework } = event.data;
      const journalId = event.streamId.slice('journal-'.length);
      await client.query(
        `INSERT INTO diary.lessons (lesson_id, journal_id, date, slot, topic, homework_text,
           homework_due) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [lessonId, journalId, date, slot, topic, homework?.text ?? null, homework?.dueDate ?? null],
      );
      const lesson = await lessonOf(lessonId);
      const pupils = await pupilsOf(client, lesson);
      const drafts: NotificationDraft[] = homework
        ? [
            {
              kind: 'homework_set',
              pupilIds: pupils,
              data: { lesson: lessonRef(lesson), homework },
            },
          ]
        : [];
      return { stale: weeks(pupils, lesson), drafts };
    }
    case 'LessonEdited': {
      const { lessonId, topic, homework } = event.data;
      const before = await lessonOf(lessonId);
      await client.query(
        `UPDATE diary.lessons SET topic = $2, homework_text = $3, homework_due = $4, edited = true
         WHERE lesson_id = $1`,
        [lessonId, topic, homework?.text ?? null, homework?.dueDate ?? null],
      );
      lessons.delete(lessonId);
      const pupils = await pupilsOf(client, before);
      const changed = JSON.stringify(before.homework) !== JSON.stringify(homework);
      const data = { lesson: lessonRef(before), homework };
      const drafts: NotificationDraft[] = changed
        ? [{ kind: 'homework_changed', pupilIds: pupils, data }]
        : [];
      return { stale: weeks(pupils, before, homework?.dueDate), drafts };
    }
    case 'LessonVoided': {
      const lesson = await lessonOf(event.data.lessonId);
      await client.query('UPDATE diary.lessons SET voided = true WHERE lesson_id = $1', [
        lesson.lessonId,
      ]);
      lessons.delete(lesson.lessonId);
      const pupils = await pupilsOf(client, lesson);
      const marks = pupils.map((pupil) => marksKey(pupil, lesson.academicYear));
      const drafts: NotificationDraft[] = [
        { kind: 'lesson_voided', pupilIds: pupils, data: { lesson: lessonRef(lesson) } },
      ];
      return { stale: [...weeks(pupils, lesson), ...marks], drafts };
    }
    case 'MarkRecorded': {
      const { markId, lessonId, pupilId, value, workType, weight } = event.data;
      const lesson = await lessonOf(lessonId);
      const row = [markId, lesson.journalId, lessonId, pupilId, value, workType, weight];
      if (run.marks) run.marks.push(row);
      else {
        await client.query(
          `INSERT INTO diary.marks (${MARK_COLUMNS.join(', ')}, weight)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          row,
        );
      }
      const data = { lesson: lessonRef(lesson), markId, value, workType, weight };
      return entry(lesson, pupilId, { kind: 'mark_recorded', data });
    }
    case 'MarkCorrected': {
      const { markId, value } = event.data;
      const before = await markOf(client, markId);
      await client.query('UPDATE diary.marks SET value = $2, corrected = true WHERE mark_id = $1', [
        markId,
        value,
      ]);
      const lesson = await lessonOf(before.lesson_id);
      const data = { lesson: lessonRef(lesson), markId, from: before.value, to: value };
      return entry(lesson, before.pupil_id, { kind: 'mark_corrected', data });
    }
    case 'MarkRevoked': {
      const before = await markOf(client, event.data.markId);
      await client.query('UPDATE diary.marks SET revoked = true WHERE mark_id = $1', [
        event.data.markId,
      ]);
      const lesson = await lessonOf(before.lesson_id);
      const data = { lesson: lessonRef(lesson), markId: event.data.markId, value: before.value };
      return entry(lesson, before.pupil_id, { kind: 'mark_revoked', data });
    }
    case 'AttendanceRecorded': {
      const { lessonId, pupilId, status } = event.data;
      const lesson = await lessonOf(lessonId);
      await client.query(
        `INSERT INTO diary.attendance (lesson_id, pupil_id, journal_id, status)
         VALUES ($1, $2, $3, $4)`,
        [lessonId, pupilId, lesson.journalId, status],
      );
      const data = { lesson: lessonRef(lesson), status };
      return entry(lesson, pupilId, { kind: 'attendance_recorded', data });
    }
    case 'AttendanceCorrected': {
      const { lessonId, pupilId, from, to } = event.data;
      const lesson = await lessonOf(lessonId);
      await client.query(
        `UPDATE diary.attendance SET status = $3, corrected = true
         WHERE lesson_id = $1 AND pupil_id = $2`,
        [lessonId, pupilId, to],
      );
      const data = { lesson: lessonRef(lesson), from, to };
      return entry(lesson, pupilId, { kind: 'attendance_corrected', data });
    }
    case 'SummaryMarkSet':
    case 'SummaryMarkCorrected':
    case 'CouncilDecisionRecorded':
      return applySummaryEvent(client, event);
    case 'TeacherAssigned':
    case 'TeacherUnassigned':
    case 'SubstituteAssigned':
    case 'PeriodClosed':
    case 'PeriodReopened':
    case 'JournalSealed':
      return NOTHING;
    default:
      return unreachable(event);
  }
}

type SummaryEvent = Extract<
  RecordedJournalEvent,
  { type: 'SummaryMarkSet' | 'SummaryMarkCorrected' | 'CouncilDecisionRecorded' }
>;

/** `summary-{schoolId}-{startYear}-{classId}`: the school is the tenant's, the year follows. */
export function academicYearOfSummary(streamId: string, schoolId: string): string {
  const start = Number(streamId.slice(`summary-${schoolId}-`.length).slice(0, 4));
  return `${start}/${start + 1}`;
}

async function applySummaryEvent(client: PoolClient, event: SummaryEvent): Promise<Applied> {
  const academicYear = academicYearOfSummary(event.streamId, event.tenant.schoolId ?? '');
  if (event.type === 'CouncilDecisionRecorded') {
    const { pupilId, decision, decidedOn } = event.data;
    const data = { decision, decidedOn };
    return {
      stale: [],
      drafts: [{ kind: 'council_decision_recorded', pupilIds: [pupilId], data }],
    };
  }
  const { pupilId, subjectId, kind, period } = event.data;
  const value = event.type === 'SummaryMarkSet' ? event.data.value : event.data.to;
  await client.query(
    `INSERT INTO diary.summary_marks (pupil_id, academic_year, subject_id, kind, period, value,
       corrected, stream_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (pupil_id, academic_year, subject_id, kind, period)
     DO UPDATE SET value = EXCLUDED.value, corrected = EXCLUDED.corrected`,
    [
      pupilId,
      academicYear,
      subjectId,
      kind,
      period ?? 0,
      value,
      event.type !== 'SummaryMarkSet',
      event.streamId,
    ],
  );
  const cell = { academicYear, subjectId, markKind: kind, period };
  const draft: NotificationDraft =
    event.type === 'SummaryMarkSet'
      ? { kind: 'summary_mark_set', pupilIds: [pupilId], data: { ...cell, value } }
      : {
          kind: 'summary_mark_corrected',
          pupilIds: [pupilId],
          data: { ...cell, from: event.data.from, to: value },
        };
  return { stale: [marksKey(pupilId, academicYear)], drafts: [draft] };
}
