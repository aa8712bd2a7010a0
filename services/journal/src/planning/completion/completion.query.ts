import { todayIn, type IsoDate } from '@ejournal/decider';
import { Inject, Injectable } from '@nestjs/common';
import { IDENTITY_FACTS, type IdentityFacts } from '../../facts/identity-facts.port';
import { CLOCK, type Clock } from '../../infrastructure/tokens';
import { atMost } from '../../read-models/projector/at-most';
import type { JournalHeader } from '../../reads/journal-header/journal-header';
import type { DateRange, PlanningCalendar } from '../domain/school-days';
import { SchoolJournalsQuery } from '../reads/school-journals.query';
import { ZERO, type CompletionFigures } from './completion';
import { COMPLETION_MODELS, type CompletionModels } from './completion-documents';
import { noSeries } from './completion-keeper';
import {
  addInto,
  figuresOf,
  journalSeries,
  zeroLike,
  type CompletionSeries,
} from './completion-series';
import { CompletionSources, type SchoolBasis } from './completion-sources';
import { decodeSeries } from './series-codec';

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

export interface CompletionOptions {
  from?: IsoDate;
  upTo?: IsoDate;
  period?: number | null;
}

/** A journal's series and where its figures go. */
interface JournalPart {
  journalId: string;
  groupId: string;
  subjectId: string | null;
  teacherIds: readonly string[];
  series: CompletionSeries;
}

const JOURNALS_AT_ONCE = 8;
/** The correction window of a school without a policy (identity's default). */
export const DEFAULT_WINDOW = 3;

/**
 * Programme completion of a school's journals up to a date (and within a period): each
 * journal's series from the completion read model (`completion_journals`, by `schoolId`), or
 * computed on the spot from its sources when its document is missing, was computed with
 * another calendar or holds fewer of the journal's events than its read models do; then the
 * range's figures per journal, and per class, teacher and school from their series summed.
 */
@Injectable()
export class CompletionQuery {
  constructor(
    @Inject(COMPLETION_MODELS) private readonly models: CompletionModels,
    @Inject(IDENTITY_FACTS) private readonly identity: IdentityFacts,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly sources: CompletionSources,
    private readonly journals: SchoolJournalsQuery,
  ) {}

  async ofSchool(
    schoolId: string,
    academicYear: string,
    options: CompletionOptions,
    onTheSpot = false,
  ): Promise<SchoolCompletion> {
    const [basis, headers, stored] = await Promise.all([
      this.sources.school(schoolId, academicYear),
      this.journals.journalsOf(schoolId, academicYear),
      onTheSpot ? Promise.resolve([]) : this.models.journals.find({ schoolId }),
    ]);
    const kept = new Map(stored.map((doc) => [doc._id, doc]));
    const parts: JournalPart[] = [];
    await atMost(JOURNALS_AT_ONCE, headers, async (header) => {
      const doc = kept.get(header.journalId);
      const current =
        doc &&
        doc.basis === basis.basis &&
        doc.sources.journal >= header.version &&
        doc.sources.planning >= basis.planning.version;
      parts.push(
        current
          ? { ...partOf(header), groupId: doc.groupId, series: decodeSeries(doc.series) }
          : await this.computed(header, basis),
      );
    });
    parts.sort((a, b) => a.journalId.localeCompare(b.journalId));
    return this.report(basis, parts, options);
  }

  /** The range asked of a school's calendar, and its correction window on the last day. */
  private async rangeOf(basis: SchoolBasis, options: CompletionOptions) {
    const upTo = options.upTo ?? todayIn(basis.timeZone, this.clock());
    const period = options.period ?? null;
    const range = basis.calendar
      ? rangeOf(basis.calendar, options.from ?? null, upTo, period)
      : null;
    const policy = await this.identity.policyOn(basis.schoolId, upTo);
    return { upTo, period, range, window: policy?.correctionWindowDays ?? DEFAULT_WINDOW };
  }

  private async computed(header: JournalHeader, basis: SchoolBasis): Promise<JournalPart> {
    const { groupId, facts } = await this.sources.journal(header, basis);
    return { ...partOf(header), groupId, series: facts ? journalSeries(facts) : noSeries() };
  }

  private async report(
    basis: SchoolBasis,
    parts: JournalPart[],
    options: CompletionOptions,
  ): Promise<SchoolCompletion> {
    const { schoolId, academicYear } = basis;
    const { upTo, period, range, window } = await this.rangeOf(basis, options);
    const figures = (series: CompletionSeries) =>
      range && series.length > 0 ? figuresOf(series, range, window) : ZERO;
    const sum = (
      level: CompletionRow['level'],
      keysOf: (part: JournalPart) => readonly string[],
    ) => {
      const sums = new Map<string, CompletionSeries>();
      for (const part of parts) {
        for (const key of keysOf(part)) {
          const into = sums.get(key) ?? zeroLike(part.series);
          sums.set(key, addInto(into, part.series));
        }
      }
      return [...sums]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([id, series]) => ({ level, id, schoolId, ...figures(series) }));
    };
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
      classes: sum('class', (part) => [part.groupId]),
      teachers: sum('teacher', (part) => part.teacherIds),
      journals: parts.map((part) => ({
        level: 'journal',
        id: part.journalId,
        schoolId,
        subjectId: part.subjectId,
        groupId: part.groupId,
        ...figures(part.series),
      })),
    };
  }
}

const partOf = (header: JournalHeader) => ({
  journalId: header.journalId,
  subjectId: header.subjectId,
  teacherIds: header.teacherIds,
});

/** The year or the period, from `from` (when later) up to `upTo` (when earlier). */
export function rangeOf(
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
