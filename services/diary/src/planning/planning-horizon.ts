import { addDays } from '@ejournal/decider';
import { inTransaction } from '@ejournal/write-path';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { Pool } from 'pg';
import type { DiaryConfig } from '../config';
import { APP_POOL, CLOCK, DIARY_CONFIG, type Clock } from '../infrastructure/tokens';
import { WakeableLoop } from '../infrastructure/wakeable-loop';
import { Wakeups } from '../infrastructure/wakeups';
import { PLANNED_WEEKS_LOCK, stalePlannedWeeks } from '../journal-events/stale-documents';
import { datesOfWeek, isoWeekOf } from '../read-models/iso-week';

const ROUND_MS = 60_000;

/**
 * The ISO weeks of the planning horizon: from yesterday to a day past the horizon (UTC dates:
 * a day either side covers every school's zone), so this week and the weeks up to the horizon.
 */
export function horizonWeeks(now: Date, horizonDays: number): string[] {
  const today = now.toISOString().slice(0, 10);
  const weeks = new Set<string>();
  for (let day = -1; day <= horizonDays + 1; day += 1) weeks.add(isoWeekOf(addDays(today, day)));
  return [...weeks].sort();
}

/**
 * Keeps the planned lessons ahead in the read store as the calendar moves on: each week that
 * enters the planning horizon is recorded in `diary.planned_weeks` and the week documents of
 * every pupil of a class or group with a timetable are marked for the document writer, once
 * (under the exclusive planned-weeks lock, so a planning change made meanwhile is seen by one
 * or the other). Weeks that left the horizon are forgotten. Planning and roster changes mark
 * the pupils' weeks among `planned_weeks` themselves.
 */
@Injectable()
export class PlanningHorizon implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('diary-planning-horizon');
  private readonly loop: WakeableLoop;

  constructor(
    @Inject(DIARY_CONFIG) private readonly config: DiaryConfig,
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly wakeups: Wakeups,
  ) {
    this.loop = new WakeableLoop(new Wakeups(), {
      round: async () => {
        await this.advance();
        return 'partial';
      },
      idleMs: ROUND_MS,
      onError: (error) =>
        this.logger.error({
          message: 'advancing the planning horizon failed',
          error: String(error),
        }),
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.CONSUMERS_ENABLED) this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Adds the weeks that entered the horizon, marking their documents; the weeks added. */
  async advance(): Promise<string[]> {
    const weeks = horizonWeeks(this.clock(), this.config.PLANNING_HORIZON_DAYS);
    const { rows } = await this.pool.query<{ week: string }>(
      'SELECT week FROM diary.planned_weeks',
    );
    const known = new Set(rows.map((row) => row.week));
    const added = weeks.filter((week) => !known.has(week));
    const gone = [...known].filter((week) => !weeks.includes(week));
    for (const week of added) {
      const dates = datesOfWeek(week) as string[];
      await inTransaction(this.pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          PLANNED_WEEKS_LOCK,
        ]);
        const { rowCount } = await client.query(
          `INSERT INTO diary.planned_weeks (week, starts_on, ends_on) VALUES ($1, $2, $3)
           ON CONFLICT (week) DO NOTHING`,
          [week, dates[0], dates[6]],
        );
        if (rowCount) await stalePlannedWeeks(client, { week });
      });
    }
    if (gone.length > 0) {
      await this.pool.query('DELETE FROM diary.planned_weeks WHERE week = ANY($1)', [gone]);
    }
    if (added.length > 0) this.wakeups.wake();
    return added;
  }
}
