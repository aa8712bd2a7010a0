import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL } from '../../infrastructure/tokens';

export interface RosterEntry {
  personId: string;
  surname: string;
  givenName: string;
  patronymic: string | null;
  fromDate: string;
  toDate: string | null;
}

const NAMES = `p.person_id AS "personId", p.surname, p.given_name AS "givenName", p.patronymic,
  to_char(m.from_date, 'YYYY-MM-DD') AS "fromDate", to_char(m.to_date, 'YYYY-MM-DD') AS "toDate"`;
const IN_FORCE = 'm.from_date <= $2 AND (m.to_date IS NULL OR m.to_date > $2)';
// The columns' collation is ICU ru-RU: Ёлкина sorts with the Е names.
const ORDER = 'ORDER BY p.surname, p.given_name, p.patronymic, p.person_id';

/** Who was in a class or a group on a given day, in alphabetical order. */
@Injectable()
export class RosterQuery {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async ofClass(classId: string, on: string): Promise<RosterEntry[]> {
    const { rows } = await this.pool.query<RosterEntry>(
      `SELECT ${NAMES} FROM identity.enrolments m JOIN identity.persons p ON p.person_id = m.pupil_id
        WHERE m.class_id = $1 AND ${IN_FORCE} ${ORDER}`,
      [classId, on],
    );
    return rows;
  }

  async ofGroup(groupId: string, on: string): Promise<RosterEntry[]> {
    const { rows } = await this.pool.query<RosterEntry>(
      `SELECT ${NAMES} FROM identity.group_members m JOIN identity.persons p ON p.person_id = m.pupil_id
        WHERE m.group_id = $1 AND ${IN_FORCE} ${ORDER}`,
      [groupId, on],
    );
    return rows;
  }
}
