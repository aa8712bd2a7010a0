import { RequireGrant, scopeFrom } from '@ejournal/auth';
import type { EventStore } from '@ejournal/event-store';
import { zodPipe } from '@ejournal/http';
import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { SCHOOL_MANAGERS, SCHOOL_STAFF } from '../../edge/access';
import { INVALID_REQUEST, personIdField } from '../../edge/fields';
import { APP_POOL, EVENT_STORE } from '../../infrastructure/tokens';

/**
 * A pupil's placements as recorded (enrolments, moves, releases and admissions with who, when
 * and the order), and the pupils released to a school and not yet admitted: ids only, so the
 * receiving school learns nothing of the pupil before its own order.
 */
@ApiTags('enrolment')
@Controller()
export class ReadPlacementsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_POOL) private readonly pool: Pool,
  ) {}

  @Get('pupils/:pupilId/enrolment-history')
  @RequireGrant(SCHOOL_STAFF, scopeFrom.resourceParam('pupil', 'pupilId'))
  @ApiOperation({
    summary: "A pupil's placements as recorded: each act with its date, order, actor and time",
  })
  async history(@Param('pupilId', zodPipe(personIdField, INVALID_REQUEST)) pupilId: string) {
    const events = await this.store.readStream(`enrolment-${pupilId}`);
    return {
      pupilId,
      acts: events.map((event) => ({
        type: event.type,
        ...(event.data as Record<string, unknown>),
        actor: event.actor,
        recordedAt: event.recordedAt,
      })),
    };
  }

  @Get('schools/:schoolId/incoming-pupils')
  @RequireGrant(SCHOOL_MANAGERS, scopeFrom.schoolParam())
  @ApiOperation({ summary: 'Pupils released to this school and not yet admitted (ids only)' })
  async incoming(@Param('schoolId') schoolId: string) {
    const { rows } = await this.pool.query(
      `SELECT pupil_id::text AS "pupilId", from_school_id AS "fromSchoolId",
              to_char(on_date, 'YYYY-MM-DD') AS "onDate", order_ref AS "orderRef"
         FROM identity.pupil_releases WHERE to_school_id = $1 ORDER BY on_date, pupil_id`,
      [schoolId],
    );
    return { schoolId, pupils: rows };
  }
}
