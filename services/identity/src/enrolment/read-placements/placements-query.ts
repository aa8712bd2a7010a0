import type { EventStore } from '@ejournal/event-store';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL, EVENT_STORE } from '../../infrastructure/tokens';

/** A pupil's placement acts from its stream; the pupils released to a school, ids only. */
@Injectable()
export class PlacementsQuery {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_POOL) private readonly pool: Pool,
  ) {}

  async history(pupilId: string) {
    const events = await this.store.readStream(`enrolment-${pupilId}`);
    return events.map((event) => ({
      type: event.type,
      ...(event.data as Record<string, unknown>),
      actor: event.actor,
      recordedAt: event.recordedAt,
    }));
  }

  async incoming(schoolId: string) {
    const { rows } = await this.pool.query(
      `SELECT pupil_id::text AS "pupilId", from_school_id AS "fromSchoolId",
              to_char(on_date, 'YYYY-MM-DD') AS "onDate", order_ref AS "orderRef"
         FROM identity.pupil_releases WHERE to_school_id = $1 ORDER BY on_date, pupil_id`,
      [schoolId],
    );
    return rows;
  }
}
