import { Inject, Injectable } from '@nestjs/common';
import { IDENTITY_FACTS, type IdentityFacts } from '../../facts/identity-facts.port';
import { decodeColumn } from '../../read-models/documents/column-codec';
import type { ColumnState } from '../../read-models/documents/journal-documents';
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
import type { PlanningState } from '../domain/planning.state';
import type { ThematicState } from '../domain/thematic.decider';
import { PlanningStates, type Versioned } from './planning-states';
import { SchoolCalendars } from './school-calendars';

export interface JournalPlanAnswer {
  journalId: string;
  period: number | null;
  planned: PlannedColumn[];
  /** Names what it was built from: journal, planning, plan and identity facts' versions. */
  tag: string;
  /** `planned` serialized once, as UTF-8 JSON. */
  body: Buffer;
}

const KEPT = 4_000;

export interface SchoolRead {
  planning: Versioned<PlanningState>;
  factsRevision: number;
  /** The school year's calendar at that revision (or later). */
  calendar: PlanningCalendar | null;
}

/** Where a journal lies, as far as its planned columns need it. */
export interface JournalYear {
  schoolId: string;
  academicYear: string;
}

/** The reads of a journal's planned columns that need no header, started before it is read. */
export interface PlannedReads {
  school: Promise<SchoolRead | null>;
  plan: Promise<Versioned<ThematicState>>;
}

/**
 * A journal's planned columns: its timetable over the calendar, with what was held on each and
 * the thematic plan's proposed topics. Built once per (journal version, planning version, plan
 * version, facts revision) and kept: a read costs the two planning streams' tail reads and the
 * facts' revision; only a change reads the journal's columns (by its `journalId` key) again,
 * and the calendar is read again only when the facts' revision moved (SchoolCalendars).
 */
@Injectable()
export class PlannedColumnsQuery {
  private readonly answers = new Map<string, JournalPlanAnswer>();

  constructor(
    @Inject(READ_MODELS) private readonly models: JournalReadModels,
    private readonly states: PlanningStates,
    private readonly calendars: SchoolCalendars,
    @Inject(IDENTITY_FACTS) private readonly identity: IdentityFacts,
  ) {}

  /**
   * `read`: the school year's planning, the facts' revision and the calendar when the caller
   * has read them (a teacher's day names several journals of one school, so they are read
   * once) or started reading them ({@link prefetch}); `plan`: the journal's thematic plan when
   * the caller started reading it with the header; `columns`: where the caller has the
   * journal's columns at the header's version (the grid's, read or kept for its own answer),
   * asked only when the columns are built, else they are read by the `journalId` key.
   */
  async forJournal(
    header: JournalHeader,
    period: number | null,
    read?: SchoolRead | Promise<SchoolRead | null>,
    plan?: Promise<Versioned<ThematicState>>,
    columns?: () => Promise<readonly ColumnState[]>,
  ): Promise<JournalPlanAnswer> {
    const [school, thematic] = await Promise.all([
      read ?? this.schoolRead(header.schoolId, header.academicYear),
      plan ?? this.states.thematic(header.journalId),
    ]);
    const { planning, factsRevision, calendar } =
      school ?? (await this.schoolRead(header.schoolId, header.academicYear));
    const versions = [header.version, planning.version, thematic.version, factsRevision];
    const tag = [header.journalId, ...versions, period].map(String).join('|');
    const kept = this.answers.get(tag);
    if (kept) return kept;
    const held = columns ? heldLessons(await columns()) : await this.held(header.journalId);
    const range = calendar ? rangeOf(calendar, period) : null;
    const planned =
      calendar && range
        ? plannedColumns(
            plannedLessons(planning.state, header.journalId, calendar, range),
            held,
            thematic.state.items,
          )
        : [];
    const { journalId } = header;
    const answer = { journalId, period, planned, tag, body: Buffer.from(JSON.stringify(planned)) };
    if (this.answers.size >= KEPT) this.answers.clear();
    this.answers.set(tag, answer);
    return answer;
  }

  /**
   * What every journal of a school year shares: its planning, the facts' revision (read here
   * unless the caller is reading it already) and the calendar at that revision.
   */
  async schoolRead(
    schoolId: string,
    academicYear: string,
    factsRevision: Promise<number> = this.identity.revision(),
  ): Promise<SchoolRead> {
    const [planning, revision] = await Promise.all([
      this.states.planning(schoolId, academicYear),
      factsRevision,
    ]);
    const calendar = await this.calendars.at(schoolId, academicYear, revision);
    return { planning, factsRevision: revision, calendar };
  }

  /**
   * Starts the reads that do not wait for the journal's header, beside it: the school year's
   * (once `place` is known) and the thematic plan. A refused or failed request may leave them
   * unread: they never reject unhandled.
   */
  prefetch(
    journalId: string,
    place: Promise<JournalYear | null>,
    factsRevision: Promise<number>,
  ): PlannedReads {
    const school = place.then((at) =>
      at ? this.schoolRead(at.schoolId, at.academicYear, factsRevision) : null,
    );
    const plan = this.states.thematic(journalId);
    for (const read of [factsRevision, school, plan]) read.catch(() => undefined);
    return { school, plan };
  }

  /** The journal's lessons held and not voided, from its grid columns. */
  async held(journalId: string): Promise<HeldLesson[]> {
    const columns = await this.models.columns.find({ journalId });
    return heldLessons(columns.map(decodeColumn));
  }
}

/** The lessons held and not voided among a journal's grid columns. */
export function heldLessons(columns: readonly ColumnState[]): HeldLesson[] {
  return columns
    .filter((column) => !column.voided)
    .map(({ lessonId, date, slot, topic }) => ({ lessonId, date, slot, topic }));
}

function rangeOf(calendar: PlanningCalendar, period: number | null) {
  if (period === null) return { startsOn: calendar.startsOn, endsOn: calendar.endsOn };
  return calendar.periods.find((p) => p.number === period) ?? null;
}
