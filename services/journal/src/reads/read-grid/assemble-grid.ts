import { refuse, type PeriodFacts } from '@ejournal/journal-domain';
import type { AveragingFacts, IdentityFacts } from '../../facts/identity-facts.port';
import type { ColumnState } from '../../read-models/documents/journal-documents';
import type { JournalHeader } from '../journal-header/journal-header';
import { buildGrid } from './build-grid';
import type { GridDto, GridOptions, GridPeriod } from './grid.dto';

/** When a school has published no policy yet. */
export const DEFAULT_AVERAGING: AveragingFacts = {
  method: 'weighted',
  decimals: 2,
  rounding: 'half_up',
};

/**
 * Gathers identity's facts the grid needs (calendar, policies in force at each period's end,
 * the group's pupils) and builds it. Shared by the live and the as-of grid, so both answer
 * the same DTO. The facts are today's: "as of" applies to the journal's record, not to them.
 */
export async function assembleGrid(
  facts: IdentityFacts,
  header: JournalHeader,
  columns: readonly ColumnState[],
  options: GridOptions,
): Promise<GridDto> {
  const calendar = await facts.calendar(header.schoolId, header.academicYear);
  const calendarPeriods = calendar?.periods ?? [];
  let period: PeriodFacts | null = null;
  if (options.period !== undefined) {
    period = calendarPeriods.find((each) => each.number === options.period) ?? null;
    if (!period) {
      const detail = `The calendar of ${header.academicYear} has no period ${options.period}`;
      throw refuse.notFound('JOURNAL.UNKNOWN_PERIOD', detail);
    }
  }
  const range = period ?? calendar ?? academicYearSpan(header.academicYear);
  const [members, periods] = await Promise.all([
    facts.membersDuring(header.groupId, range.startsOn, range.endsOn),
    Promise.all(
      (period ? [period] : calendarPeriods).map((each) => gridPeriod(facts, header, each)),
    ),
  ]);
  return buildGrid({
    header,
    columns,
    calendarPeriods,
    period,
    periods,
    members,
    includeVoided: options.includeVoided ?? false,
  });
}

async function gridPeriod(
  facts: IdentityFacts,
  header: JournalHeader,
  period: PeriodFacts,
): Promise<GridPeriod> {
  const policy = await facts.policyOn(header.schoolId, period.endsOn);
  return {
    number: period.number,
    startsOn: period.startsOn,
    endsOn: period.endsOn,
    closed: header.closedPeriods.includes(period.number),
    averaging: { ...(policy?.averaging ?? DEFAULT_AVERAGING) },
    policyVersion: policy?.policyVersion ?? null,
  };
}

/** September to August, when the school has no calendar for the year. */
function academicYearSpan(academicYear: string) {
  const first = Number(academicYear.slice(0, 4));
  return { startsOn: `${first}-09-01`, endsOn: `${first + 1}-08-31` };
}
