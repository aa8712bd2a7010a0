import type { RecordedEvent, RecordedJournalEvent } from '@ejournal/contracts';
import { applyInStreamOrder } from '@ejournal/identity-facts';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { DiaryConfig } from '../config';
import { DiaryFacts } from '../facts/diary-facts';
import { APP_POOL, DIARY_CONFIG } from '../infrastructure/tokens';
import { Wakeups } from '../infrastructure/wakeups';
import {
  applyPlanningEvent,
  isPlanningStream,
  staleAfterJournalOpened,
  type RecordedPlanningEvent,
} from '../planning/apply-planning-event';
import { applyJournalEvent } from './apply-journal-event';
import { insertNotifications } from './notification-rows';
import { markStale } from './stale-documents';

export type JournalOutcome = { notifications: number } | 'duplicate' | 'ignored';

/**
 * The streams the diary reads: journals, summary sheets and the planning context's school
 * years (`planning-*`: timetables, changes, bells). Thematic plans (`thematic-*`) share the
 * journal's topic; the diary lets them pass.
 */
export const isDiaryStream = (streamId: string) => /^(journal|summary|planning)-/.test(streamId);

/**
 * Applies one event of the journal's topic in one PostgreSQL transaction: the diary's rows,
 * the notifications it yields (the outbox), the read-store documents to write again, and the
 * stream's applied version. A redelivery is a duplicate; a gap is refused (ReadModelGapError).
 * Then it wakes the document writer and the notification relay.
 */
@Injectable()
export class JournalProjector {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(DIARY_CONFIG) private readonly config: DiaryConfig,
    private readonly facts: DiaryFacts,
    private readonly wakeups: Wakeups,
  ) {}

  async apply(event: RecordedEvent): Promise<JournalOutcome> {
    if (!isDiaryStream(event.streamId)) return 'ignored';
    if (isPlanningStream(event.streamId)) return this.applyPlanning(event as RecordedPlanningEvent);
    const outcome = await applyInStreamOrder(
      this.pool,
      'diary.applied_versions',
      event as RecordedJournalEvent,
      async (client, journalEvent) => {
        const applied = await applyJournalEvent(client, journalEvent);
        const notifications = await insertNotifications(
          client,
          this.facts,
          journalEvent,
          applied.drafts,
        );
        await markStale(client, applied.stale);
        if (journalEvent.type === 'JournalOpened') {
          await staleAfterJournalOpened(client, journalEvent.data.journalId);
        }
        return { notifications };
      },
    );
    if (outcome !== 'duplicate') this.wakeups.wake();
    return outcome;
  }

  /** A planning event: its tables, the weeks it marks, notifications of coming days' changes. */
  private async applyPlanning(event: RecordedPlanningEvent): Promise<JournalOutcome> {
    const outcome = await applyInStreamOrder(
      this.pool,
      'diary.applied_versions',
      event,
      async (client, planningEvent) => {
        const { drafts } = await applyPlanningEvent(
          client,
          planningEvent,
          this.config.PLANNING_HORIZON_DAYS,
        );
        return { notifications: await insertNotifications(client, this.facts, event, drafts) };
      },
    );
    if (outcome !== 'duplicate') this.wakeups.wake();
    return outcome;
  }

  async quarantine(streamId: string, reason: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO diary.quarantined_streams (stream_id, reason) VALUES ($1, $2)
       ON CONFLICT (stream_id) DO UPDATE SET reason = EXCLUDED.reason`,
      [streamId, reason],
    );
  }

  async release(streamId: string): Promise<void> {
    await this.pool.query('DELETE FROM diary.quarantined_streams WHERE stream_id = $1', [streamId]);
  }
}
