import type { IsoDate } from '@ejournal/decider';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { IDENTITY_FACTS, type IdentityFacts } from '../../facts/identity-facts.port';
import { APP_POOL } from '../../infrastructure/tokens';
import { JournalDirectory } from '../../write/journal-directory';
import type { JournalFact, PlanningFacts } from '../domain/planning.commands';
import type { PlanningCalendar } from '../domain/school-days';

/** What a planning command names, for the facts it needs to be decided. */
export interface Named {
  groupIds?: readonly string[];
  journalIds?: readonly string[];
  teacherIds?: readonly string[];
}

const iso = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

/**
 * The facts of planning commands and reads, from the journal's local projection of identity's
 * topic (`journal_facts`: calendars with their holidays, groups, staff grants) and the
 * journals' first events (JournalDirectory). Identity is never called.
 */
@Injectable()
export class PlanningFactsLoader {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(IDENTITY_FACTS) private readonly facts: IdentityFacts,
    private readonly directory: JournalDirectory,
  ) {}

  async load(schoolId: string, academicYear: string, named: Named): Promise<PlanningFacts> {
    const unique = (ids: readonly string[] = []) => [...new Set(ids)];
    const [calendar, groups, journals, staff] = await Promise.all([
      this.calendar(schoolId, academicYear),
      Promise.all(unique(named.groupIds).map((id) => this.facts.group(id))),
      this.journals(unique(named.journalIds)),
      Promise.all(
        unique(named.teacherIds).map(async (id) =>
          (await this.facts.staffSchools(id)).includes(schoolId) ? id : null,
        ),
      ),
    ]);
    return {
      schoolId,
      academicYear,
      calendar,
      groups: groups
        .filter((g) => g?.schoolId === schoolId && g.academicYear === academicYear)
        .map((g) => g?.groupId ?? ''),
      journals,
      staff: staff.filter((id): id is string => id !== null),
    };
  }

  async journals(journalIds: readonly string[]): Promise<Record<string, JournalFact>> {
    const places = await Promise.all(journalIds.map((id) => this.directory.find(id)));
    const found: Record<string, JournalFact> = {};
    for (const place of places) {
      if (!place) continue;
      const { journalId, schoolId, academicYear, groupId, subjectId } = place;
      found[journalId] = { journalId, schoolId, academicYear, groupId, subjectId };
    }
    return found;
  }

  /** The calendar in force with its holidays, or null when identity set none. */
  async calendar(schoolId: string, academicYear: string): Promise<PlanningCalendar | null> {
    const { rows } = await this.pool.query<CalendarRow>(
      `SELECT ${CALENDAR_COLUMNS} FROM journal_facts.calendars
        WHERE school_id = $1 AND academic_year = $2`,
      [schoolId, academicYear],
    );
    return rows[0] ? calendarOf(academicYear, rows[0]) : null;
  }

  /**
   * Many schools' places at once (one query): region, time zone and the year's calendar,
   * for reports over a municipality or a region. Schools identity never named are left out.
   */
  async schoolYears(schoolIds: readonly string[], academicYear: string) {
    const { rows } = await this.pool.query<
      { schoolId: string; regionId: string; timeZone: string } & Partial<CalendarRow>
    >(
      `SELECT s.school_id AS "schoolId", s.region_id AS "regionId", s.time_zone AS "timeZone",
              ${CALENDAR_COLUMNS}
         FROM journal_facts.schools s
         LEFT JOIN journal_facts.calendars c ON c.school_id = s.school_id AND c.academic_year = $2
        WHERE s.school_id = ANY($1::text[])`,
      [schoolIds, academicYear],
    );
    return new Map(
      rows.map(({ schoolId, regionId, timeZone, ...calendar }) => [
        schoolId,
        {
          schoolId,
          regionId,
          timeZone,
          calendar: calendar.startsOn ? calendarOf(academicYear, calendar as CalendarRow) : null,
        },
      ]),
    );
  }

  /** Each school's correction window (days) in force on a date, where a policy is. */
  async correctionWindows(schoolIds: readonly string[], date: IsoDate) {
    const { rows } = await this.pool.query<{ schoolId: string; days: number }>(
      `SELECT DISTINCT ON (school_id) school_id AS "schoolId",
              (policy->>'correctionWindowDays')::int AS days
         FROM journal_facts.policies
        WHERE school_id = ANY($1::text[]) AND effective_from <= $2::date
        ORDER BY school_id, policy_version DESC`,
      [schoolIds, date],
    );
    return new Map(rows.map((row) => [row.schoolId, row.days]));
  }
}

interface CalendarRow {
  startsOn: IsoDate;
  endsOn: IsoDate;
  periods: { number: number; startsOn: IsoDate; endsOn: IsoDate }[];
  holidays: { startsOn: IsoDate; endsOn: IsoDate }[];
}

const CALENDAR_COLUMNS = `${iso('starts_on')} AS "startsOn", ${iso('ends_on')} AS "endsOn", periods, holidays`;

/** Always the same shape (and key order): completion names the calendar it counted with. */
function calendarOf(academicYear: string, row: CalendarRow): PlanningCalendar {
  return {
    academicYear,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    periods: row.periods.map(({ number, startsOn, endsOn }) => ({ number, startsOn, endsOn })),
    holidays: row.holidays.map(({ startsOn, endsOn }) => ({ startsOn, endsOn })),
  };
}
