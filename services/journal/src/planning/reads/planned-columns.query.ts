import { Inject, Injectable } from '@nestjs/common';
import { IDENTITY_FACTS, type IdentityFacts } from '../../facts/identity-facts.port';
import { decodeColumn } from '../../read-models/documents/column-codec';
import {
  READ_MODELS,
  type JournalReadModels,
} from '../../read-models/documents/read-model-schemas';
import type { JournalHeader } from '../../reads/journal-header/journal-header';
import {
  plannedColumns,
  plannedLessons,
  type HeldLesson,
  type PlannedColumn,
} from '../domain/journal-plan';
import type { PlanningCalendar } from '../domain/school-days';
import { PlanningFactsLoader } from '../write/planning-facts';
import type { PlanningState } from '../domain/planning.state';
import type { ThematicState } from '../domain/thematic.decider';
import { PlanningStates, type Versioned } from './planning-states';

export interface JournalPlanAnswer {
  journalId: string;
  period: number | null;
  planned: PlannedColumn[];
  /** Names what it was built from: journal, planning, plan and identity facts' versions. */
  tag: string;
  /** The same answer serialized once. */
  json: string;
}

const KEPT = 4_000;

export interface SchoolRead {
  planning: Versioned<PlanningState>;
  factsRevision: number;
}

/**
 * A journal's planned columns: its timetable over the calendar, with what was held on each and
 * the thematic plan's proposed topics. Built once per (journal version, planning version, plan
 * version, calendar) and kept: a read costs the two planning streams' tail reads; only a change
 * reads the journal's columns (by its `journalId` key) and the calendar again.
 */
@Injectable()
export class PlannedColumnsQuery {
  private readonly answers = new Map<string, JournalPlanAnswer>();

  constructor(
    @Inject(READ_MODELS) private readonly models: JournalReadModels,
    private readonly states: PlanningStates,
    private readonly facts: PlanningFactsLoader,
    @Inject(IDENTITY_FACTS) private readonly identity: IdentityFacts,
  ) {}

  /**
   * `read`: the school year's planning and the facts' revision when the caller has just read
   * them (a teacher's day names several journals of one school), so they are read once;
   * `plan`: the journal's thematic plan when the caller started reading it with the header.
   */
  async forJournal(
    header: JournalHeader,
    period: number | null,
    read?: SchoolRead,
    plan?: Promise<Versioned<ThematicState>>,
  ): Promise<JournalPlanAnswer> {
    const [{ planning, factsRevision }, thematic] = await Promise.all([
      read ?? this.schoolRead(header.schoolId, header.academicYear),
      plan ?? this.states.thematic(header.journalId),
    ]);
    const versions = [header.version, planning.version, thematic.version, factsRevision];
    const tag = [header.journalId, ...versions, period].map(String).join('|');
    const kept = this.answers.get(tag);
    if (kept) return kept;
    const [calendar, held] = await Promise.all([
      this.facts.calendar(header.schoolId, header.academicYear),
      this.held(header.journalId),
    ]);
    const range = calendar ? rangeOf(calendar, period) : null;
    const planned =
      calendar && range
        ? plannedColumns(
            plannedLessons(planning.state, header.journalId, calendar, range),
            held,
            thematic.state.items,
          )
        : [];
    const body = { journalId: header.journalId, period, planned };
    const answer = { ...body, tag, json: JSON.stringify(planned) };
    if (this.answers.size >= KEPT) this.answers.clear();
    this.answers.set(tag, answer);
    return answer;
  }

  /** What every journal of a school year shares: its planning and the facts' revision. */
  async schoolRead(schoolId: string, academicYear: string): Promise<SchoolRead> {
    const [planning, factsRevision] = await Promise.all([
      this.states.planning(schoolId, academicYear),
      this.identity.revision(),
    ]);
    return { planning, factsRevision };
  }

  /** The journal's lessons held and not voided, from its grid columns. */
  async held(journalId: string): Promise<HeldLesson[]> {
    const columns = await this.models.columns.find({ journalId });
    return columns
      .map(decodeColumn)
      .filter((column) => !column.voided)
      .map(({ lessonId, date, slot, topic }) => ({ lessonId, date, slot, topic }));
  }
}

function rangeOf(calendar: PlanningCalendar, period: number | null) {
  if (period === null) return { startsOn: calendar.startsOn, endsOn: calendar.endsOn };
  return calendar.periods.find((p) => p.number === period) ?? null;
}
