import {
  nameKey,
  type PersonalData,
  type RosterFacts,
  type RosterKind,
  type RosterRow,
} from '@ejournal/identity-domain';
import { newEventId } from '@ejournal/contracts';
import { NotFoundProblem, UnprocessableProblem } from '@ejournal/http';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL } from '../infrastructure/tokens';
import { PersonRepository, personalDataOf } from '../people/person-repository';
import { Today } from '../people/today';

export interface LoadedFacts extends RosterFacts {
  regionId: string;
}

/** Everything the planner needs, read before anything is written. */
@Injectable()
export class RosterFactsLoader {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    private readonly people: PersonRepository,
    private readonly today: Today,
  ) {}

  async load(
    schoolId: string,
    academicYear: string | undefined,
    rows: readonly RosterRow[],
  ): Promise<LoadedFacts> {
    const school = await this.pool.query<{ region_id: string }>(
      'SELECT region_id FROM identity.schools WHERE school_id = $1',
      [schoolId],
    );
    const regionId = school.rows[0]?.region_id;
    if (!regionId) throw new NotFoundProblem('IDENTITY.UNKNOWN_SCHOOL', 'No such school');
    const calendar = await this.pool.query<{
      academic_year: string;
      starts_on: string;
      ends_on: string;
    }>(
      `SELECT academic_year, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on
         FROM identity.calendars WHERE school_id = $1 AND ($2::text IS NULL OR academic_year = $2)
          AND ($2::text IS NOT NULL OR $3::date <= ends_on) ORDER BY starts_on LIMIT 1`,
      [schoolId, academicYear ?? null, this.today.date()],
    );
    const year = calendar.rows[0];
    if (!year)
      throw new UnprocessableProblem(
        'IDENTITY.NO_CALENDAR',
        'Set the academic calendar of the year before importing its roster',
      );
    const keys = await this.pool.query<{
      external_key: string;
      kind: RosterKind;
      target_id: string;
    }>('SELECT external_key, kind, target_id FROM identity.external_keys WHERE school_id = $1', [
      schoolId,
    ]);
    const classes = await this.pool.query<{ label: string; class_id: string }>(
      'SELECT grade || letter AS label, class_id FROM identity.classes WHERE school_id = $1 AND academic_year = $2',
      [schoolId, year.academic_year],
    );
    const persons = rows.flatMap((row) => (row.kind === 'class' ? [] : [row]));
    const named = persons.flatMap((row) => (row.personId ? [row.personId] : []));
    const known = await this.people.find(named);
    const namesakes = new Map<string, string[]>();
    for (const { personId, data } of await this.people.namesakes(
      regionId,
      persons.map((row) => row.person),
    )) {
      const key = nameKey(data as PersonalData);
      namesakes.set(key, [...(namesakes.get(key) ?? []), personId]);
    }
    return {
      regionId,
      schoolId,
      academicYear: year.academic_year,
      year: { startsOn: year.starts_on, endsOn: year.ends_on },
      keys: new Map(
        keys.rows.map((row) => [row.external_key, { kind: row.kind, id: row.target_id }]),
      ),
      classes: new Map(classes.rows.map((row) => [row.label, row.class_id])),
      knownPeople: new Map(known.map((record) => [record.personId, personalDataOf(record)])),
      namesakes,
      newId: () => newEventId(),
    };
  }
}
