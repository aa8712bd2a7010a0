import { todayIn } from '@ejournal/decider';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../infrastructure/tokens';
import { atMost } from '../../read-models/projector/at-most';
import { PlanningFactsLoader } from '../write/planning-facts';
import { ZERO } from './completion';
import {
  COMPLETION_MODELS,
  schoolCompletionId,
  type CompletionModels,
  type SchoolCompletionDocument,
} from './completion-documents';
import { figuresOf } from './completion-series';
import { basisOf } from './completion-sources';
import {
  CompletionQuery,
  DEFAULT_WINDOW,
  rangeOf,
  type CompletionOptions,
  type CompletionRow,
} from './completion.query';
import { decodeSeries } from './series-codec';

const SCHOOLS_AT_ONCE = 8;

/** The overseers' summary: one row per school of a municipality or a region. */
@Injectable()
export class RegionCompletionQuery {
  constructor(
    @Inject(COMPLETION_MODELS) private readonly models: CompletionModels,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly facts: PlanningFactsLoader,
    private readonly schools: CompletionQuery,
  ) {}

  /**
   * One row per school, as its report sums it: from each school year's document
   * (`completion_schools`, a region's by `regionId`, else by `_id`), and on the spot for a
   * school whose document is missing or was computed with another calendar. Identity's facts
   * of all the schools are read at once.
   */
  async ofSchools(
    schoolIds: readonly string[],
    regions: readonly string[],
    academicYear: string,
    options: CompletionOptions,
  ): Promise<CompletionRow[]> {
    // With `upTo` given, the correction windows need not wait for the schools' time zones.
    const asOf = options.upTo;
    const [places, stored, windowsAsOf] = await Promise.all([
      this.facts.schoolYears(schoolIds, academicYear),
      this.schoolDocuments(schoolIds, regions, academicYear),
      asOf ? this.facts.correctionWindows(schoolIds, asOf) : null,
    ]);
    const asked = schoolIds.map((schoolId) => {
      const place = places.get(schoolId);
      const upTo = options.upTo ?? todayIn(place?.timeZone ?? 'UTC', this.clock());
      const range = place?.calendar
        ? rangeOf(place.calendar, options.from ?? null, upTo, options.period ?? null)
        : null;
      return { schoolId, place, upTo, range };
    });
    const windows = windowsAsOf ?? new Map<string, number>();
    for (const upTo of windowsAsOf ? [] : new Set(asked.map((school) => school.upTo))) {
      const ids = asked.filter((school) => school.upTo === upTo).map((school) => school.schoolId);
      for (const [id, days] of await this.facts.correctionWindows(ids, upTo)) windows.set(id, days);
    }
    const rows: CompletionRow[] = [];
    await atMost(SCHOOLS_AT_ONCE, asked, async ({ schoolId, place, range }) => {
      const doc = stored.get(schoolId);
      if (!place) {
        rows.push({ level: 'school', id: schoolId, schoolId, ...ZERO });
      } else if (doc && doc.basis === basisOf(place.calendar, place.timeZone)) {
        const series = decodeSeries(doc.series);
        const window = windows.get(schoolId) ?? DEFAULT_WINDOW;
        const figures = range && series.length > 0 ? figuresOf(series, range, window) : ZERO;
        rows.push({ level: 'school', id: schoolId, schoolId, ...figures });
      } else {
        rows.push((await this.schools.ofSchool(schoolId, academicYear, options)).school);
      }
    });
    return rows.sort((a, b) => a.id.localeCompare(b.id));
  }

  private async schoolDocuments(
    schoolIds: readonly string[],
    regions: readonly string[],
    academicYear: string,
  ): Promise<Map<string, SchoolCompletionDocument>> {
    const found = new Map<string, SchoolCompletionDocument>();
    for (const regionId of regions) {
      for (const doc of await this.models.schools.find({ regionId })) {
        if (doc.academicYear === academicYear) found.set(doc.schoolId, doc);
      }
    }
    const rest = schoolIds.filter((id) => !found.has(id));
    await atMost(SCHOOLS_AT_ONCE, rest, async (schoolId) => {
      const doc = await this.models.schools.findById(schoolCompletionId(schoolId, academicYear));
      if (doc) found.set(schoolId, doc);
    });
    return found;
  }
}
