import { todayIn, type IsoDate } from '@ejournal/decider';
import { Inject, Injectable } from '@nestjs/common';
import { IDENTITY_FACTS, type IdentityFacts } from '../../facts/identity-facts.port';
import { decodeColumn } from '../../read-models/documents/column-codec';
import { decodeHistory } from '../../read-models/documents/history-codec';
import {
  READ_MODELS,
  type JournalReadModels,
} from '../../read-models/documents/read-model-schemas';
import type { JournalHeader } from '../../reads/journal-header/journal-header';
import { CLOCK, type Clock } from '../../infrastructure/tokens';
import { atMost } from '../../read-models/projector/at-most';
import { groupsOfJournal, plannedLessons } from '../domain/journal-plan';
import { versionOn } from '../domain/planned-lessons';
import type { PlanningState } from '../domain/planning.state';
import type { DateRange, PlanningCalendar } from '../domain/school-days';
import { PlanningStates } from '../reads/planning-states';
import { SchoolJournalsQuery } from '../reads/school-journals.query';
import { PlanningFactsLoader } from '../write/planning-facts';
import { add, journalCompletion, ZERO, type CompletionFigures, type HeldFacts } from './completion';

export interface CompletionRow extends CompletionFigures {
  level: 'journal' | 'class' | 'teacher' | 'school';
  id: string;
  schoolId: string;
  subjectId?: string | null;
  groupId?: string;
}

export interface SchoolCompletion {
  schoolId: string;
  academicYear: string;
  upTo: IsoDate;
  period: number | null;
  range: DateRange | null;
  school: CompletionRow;
  classes: CompletionRow[];
  teachers: CompletionRow[];
  journals: CompletionRow[];
}

const JOURNALS_AT_ONCE = 8;

/**
 * Programme completion of a school's journals up to a date (and within a period): each
 * journal's figures from its timetable, curriculum, КТП and what its read models hold (its
 * columns and lesson histories by `journalId`), summed per class, per teacher and for the school.
 */
@Injectable()
export class CompletionQuery {
  constructor(
    @Inject(READ_MODELS) private readonly models: JournalReadModels,
    @Inject(IDENTITY_FACTS) private readonly identity: IdentityFacts,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly states: PlanningStates,
    private readonly facts: PlanningFactsLoader,
    private readonly journals: SchoolJournalsQuery,
  ) {}

  async ofSchool(
    schoolId: string,
    academicYear: string,
    options: { from?: IsoDate; upTo?: IsoDate; period?: number | null },
  ): Promise<SchoolCompletion> {
    const [school, calendar, { state }, headers] = await Promise.all([
      this.identity.school(schoolId),
      this.facts.calendar(schoolId, academicYear),
      this.states.planning(schoolId, academicYear),
      this.journals.journalsOf(schoolId, academicYear),
    ]);
    const upTo = options.upTo ?? todayIn(school?.timeZone ?? 'UTC', this.clock());
    const period = options.period ?? null;
    const range = calendar ? rangeOf(calendar, options.from ?? null, upTo, period) : null;
    const policy = await this.identity.policyOn(schoolId, upTo);
    const window = policy?.correctionWindowDays ?? 3;
    const timeZone = school?.timeZone ?? 'UTC';
    const rows: CompletionRow[] = [];
    await atMost(JOURNALS_AT_ONCE, headers, async (header) => {
      if (!calendar || !range) return;
      const figures = await this.ofJournal(state, calendar, range, header, window, timeZone);
      rows.push({
        level: 'journal',
        id: header.journalId,
        schoolId,
        subjectId: header.subjectId,
        groupId: classOf(state, header),
        ...figures,
      });
    });
    rows.sort((a, b) => a.id.localeCompare(b.id));
    const sum = (level: CompletionRow['level'], keyOf: (row: CompletionRow) => string[]) => {
      const sums = new Map<string, CompletionFigures>();
      for (const row of rows) {
        for (const key of keyOf(row)) sums.set(key, add(sums.get(key) ?? ZERO, row));
      }
      return [...sums]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([id, figures]) => ({ level, id, schoolId, ...figures }));
    };
    const teachersOf = new Map(headers.map((h) => [h.journalId, h.teacherIds]));
    return {
      schoolId,
      academicYear,
      upTo,
      period,
      range,
      school: sum('school', () => [schoolId])[0] ?? {
        level: 'school',
        id: schoolId,
        schoolId,
        ...ZERO,
      },
      classes: sum('class', (row) => (row.groupId ? [row.groupId] : [])),
      teachers: sum('teacher', (row) => teachersOf.get(row.id) ?? []),
      journals: rows,
    };
  }

  private async ofJournal(
    state: PlanningState,
    calendar: PlanningCalendar,
    range: DateRange,
    header: JournalHeader,
    correctionWindowDays: number,
    timeZone: string,
  ): Promise<CompletionFigures> {
    const group = classOf(state, header);
    const [held, thematic] = await Promise.all([
      this.held(header.journalId, timeZone),
      this.states.thematic(header.journalId),
    ]);
    const version = versionOn(state.versions[group], range.endsOn);
    const days = [...new Set(version?.lessons.map((lesson) => lesson.day) ?? [])];
    return journalCompletion({
      calendar,
      range,
      curriculum: state.curriculum[group] ?? [],
      subjectId: header.subjectId,
      teachingDays: days.length > 0 ? days : [1, 2, 3, 4, 5],
      plannedDates: plannedLessons(state, header.journalId, calendar, range).map((l) => l.date),
      held,
      items: thematic.state.items,
      correctionWindowDays,
    });
  }

  /** The journal's held lessons with their entries: its columns and lesson histories. */
  private async held(journalId: string, timeZone: string): Promise<HeldFacts[]> {
    const [columns, histories] = await Promise.all([
      this.models.columns.find({ journalId }),
      this.models.histories.find({ journalId }),
    ]);
    const marks = new Map<string, IsoDate[]>();
    for (const history of histories.map(decodeHistory)) {
      const dates = history.entries
        .filter((entry) => entry.type === 'MarkRecorded')
        .map((entry) => todayIn(timeZone, entry.recordedAt));
      marks.set(history.lessonId, dates);
    }
    return columns
      .map(decodeColumn)
      .filter((column) => !column.voided)
      .map(({ lessonId, date, slot, topic, cells }) => ({
        lessonId,
        date,
        slot,
        topic,
        anyEntry: cells.some((cell) => cell.marks.length > 0 || cell.attendance !== null),
        markDates: marks.get(lessonId) ?? [],
      }));
  }
}

/** The class a journal's figures go to: its own group when planned, else a timetable's. */
function classOf(state: PlanningState, header: JournalHeader): string {
  if (state.versions[header.groupId] || state.curriculum[header.groupId]) return header.groupId;
  return groupsOfJournal(state, header.journalId)[0] ?? header.groupId;
}

/** The year or the period, from `from` (when later) up to `upTo` (when earlier). */
function rangeOf(
  calendar: PlanningCalendar,
  from: IsoDate | null,
  upTo: IsoDate,
  period: number | null,
): DateRange | null {
  const span = period === null ? calendar : calendar.periods.find((p) => p.number === period);
  if (!span) return null;
  const startsOn = from && from > span.startsOn ? from : span.startsOn;
  const endsOn = upTo < span.endsOn ? upTo : span.endsOn;
  return endsOn < startsOn ? null : { startsOn, endsOn };
}
