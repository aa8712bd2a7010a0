import type { PersonalData } from '@ejournal/identity-domain';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../infrastructure/transaction';
import { APP_POOL, CLOCK, type Clock } from '../infrastructure/tokens';

export interface PersonRecord extends PersonalData {
  personId: string;
  erased: boolean;
}

export type SaveOutcome = 'created' | 'updated' | 'unchanged';

export interface ChangeAuthor {
  actorId: string;
  actorRole: string;
  source: 'import' | 'correction' | 'registration';
}

const FIELDS = ['surname', 'givenName', 'patronymic', 'birthDate', 'email', 'phone'] as const;
const SELECT_PERSON = `SELECT person_id AS "personId", surname, given_name AS "givenName", patronymic,
  to_char(birth_date, 'YYYY-MM-DD') AS "birthDate", email, phone, erased_at IS NOT NULL AS erased
  FROM identity.persons`;

/**
 * Personal data, only here: rows change in place (corrections), and every change appends
 * the fields before and after to the history in the same short transaction.
 */
@Injectable()
export class PersonRepository {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Creates or corrects a person, appending the change to the history. */
  async save(
    personId: string,
    regionId: string,
    data: PersonalData,
    author: ChangeAuthor,
  ): Promise<SaveOutcome> {
    return inTransaction(this.pool, async (client): Promise<SaveOutcome> => {
      const current = await this.lock(client, personId);
      const now = this.clock();
      const changed = FIELDS.filter((field) => (current?.[field] ?? null) !== data[field]);
      if (current && changed.length === 0) return 'unchanged';
      if (current) {
        await client.query(
          `UPDATE identity.persons SET surname = $2, given_name = $3, patronymic = $4, birth_date = $5, email = $6, phone = $7, updated_at = $8
            WHERE person_id = $1`,
          [personId, ...FIELDS.map((field) => data[field]), now],
        );
      } else {
        await client.query(
          'INSERT INTO identity.persons VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, NULL)',
          [personId, regionId, ...FIELDS.map((field) => data[field]), now],
        );
        await client.query(
          "INSERT INTO identity.accounts (person_id, status, created_at) VALUES ($1, 'pending', $2) ON CONFLICT DO NOTHING",
          [personId, now],
        );
      }
      const before = current ? pick(current, changed) : null;
      await client.query(
        `INSERT INTO identity.person_changes (person_id, changed_at, actor_id, actor_role, source, changed_fields, before, after)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          personId,
          now,
          author.actorId,
          author.actorRole,
          author.source,
          current ? changed : [...FIELDS],
          before,
          pick(data, current ? changed : [...FIELDS]),
        ],
      );
      return current ? 'updated' : 'created';
    });
  }

  /** People by id, sorted by surname, name and patronymic in Russian order (Ё with Е). */
  async find(personIds: readonly string[]): Promise<PersonRecord[]> {
    const { rows } = await this.pool.query<PersonRecord>(
      `${SELECT_PERSON} WHERE person_id = ANY($1::uuid[]) ORDER BY surname, given_name, patronymic, person_id`,
      [personIds],
    );
    return rows;
  }

  /** Ids of the region's people with these names and birth dates (import duplicates). */
  async namesakes(
    regionId: string,
    people: readonly PersonalData[],
  ): Promise<{ personId: string; data: PersonalData }[]> {
    const dated = people.filter((person) => person.birthDate);
    if (dated.length === 0) return [];
    const { rows } = await this.pool.query<PersonRecord>(
      `${SELECT_PERSON} WHERE region_id = $1 AND (lower(replace(surname, 'ё', 'е')), lower(replace(given_name, 'ё', 'е')), birth_date)
         IN (SELECT lower(replace(s, 'ё', 'е')), lower(replace(g, 'ё', 'е')), b FROM unnest($2::text[], $3::text[], $4::date[]) AS t(s, g, b))`,
      [
        regionId,
        dated.map((p) => p.surname),
        dated.map((p) => p.givenName),
        dated.map((p) => p.birthDate),
      ],
    );
    return rows.map(({ personId, ...data }) => ({ personId, data }));
  }

  private async lock(client: PoolClient, personId: string): Promise<PersonRecord | undefined> {
    const { rows } = await client.query<PersonRecord>(
      `${SELECT_PERSON} WHERE person_id = $1 FOR UPDATE`,
      [personId],
    );
    return rows[0];
  }
}

function pick(
  data: PersonalData,
  fields: readonly (keyof PersonalData)[],
): Record<string, string | null> {
  return Object.fromEntries(fields.map((field) => [field, data[field]]));
}

export function personalDataOf(record: PersonRecord): PersonalData {
  const { surname, givenName, patronymic, birthDate, email, phone } = record;
  return { surname, givenName, patronymic, birthDate, email, phone };
}
