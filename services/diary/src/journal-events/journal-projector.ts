import type { RecordedEvent, RecordedJournalEvent } from '@ejournal/contracts';
import { applyInStreamOrder, versionVerdict } from '@ejournal/identity-facts';
import { ReadModelGapError } from '@ejournal/messaging';
import { inTransaction } from '@ejournal/write-path';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
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
import { applyJournalEvent, flushMarks, type RunState } from './apply-journal-event';
import { insertNotifications, type EventDrafts } from './notification-rows';
import { markStale, type StaleKey } from './stale-documents';

const APPLIED_VERSIONS = 'diary.applied_versions';

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
    const outcome = await applyInStreamOrder(
      this.pool,
      APPLIED_VERSIONS,
      event as RecordedJournalEvent | RecordedPlanningEvent,
      async (client, diaryEvent) => {
        const applied = await this.applyOne(client, diaryEvent);
        await markStale(client, applied.stale);
        const notifications = await insertNotifications(client, this.facts, [applied]);
        return { notifications };
      },
    );
    if (outcome !== 'duplicate') this.wakeups.wake();
    return outcome;
  }

  /**
   * A run of the topic's events (a partition's, in order) in one transaction: the applied
   * versions of its streams locked in one statement and checked for every event (a
   * redelivered one is skipped, a gap refuses the whole run), the rows of each event
   * (consecutive recorded marks in one statement), then the run's stale documents and its
   * notifications in one statement each. A crash anywhere before the commit applies nothing,
   * so a redelivered run inserts every notification once.
   */
  async applyRun(events: RecordedEvent[]): Promise<{ notifications: number; applied: number }> {
    const mine = events.filter((event) => isDiaryStream(event.streamId)) as (
      RecordedJournalEvent | RecordedPlanningEvent
    )[];
    if (mine.length === 0) return { notifications: 0, applied: 0 };
    const outcome = await inTransaction(this.pool, async (client) => {
      const versions = await lockVersions(client, mine);
      const stale: StaleKey[] = [];
      const drafts: EventDrafts[] = [];
      const run: RunState = { lessons: new Map(), marks: [] };
      for (const event of mine) {
        const stream = versions.get(event.streamId) as { applied: number; locked: number };
        const verdict = versionVerdict(stream.applied, event.streamVersion);
        if (verdict === 'duplicate') continue;
        if (verdict === 'gap') {
          throw new ReadModelGapError(
            APPLIED_VERSIONS,
            event.streamId,
            event.streamVersion,
            stream.applied,
          );
        }
        if (event.type !== 'MarkRecorded') await flushMarks(client, run);
        const applied = await this.applyOne(client, event, run);
        stale.push(...applied.stale);
        drafts.push(applied);
        stream.applied = event.streamVersion;
      }
      await flushMarks(client, run);
      await advanceVersions(client, versions);
      await markStale(client, stale);
      const notifications = await insertNotifications(client, this.facts, drafts);
      return { notifications, applied: drafts.length };
    });
    if (outcome.applied > 0) this.wakeups.wake();
    return outcome;
  }

  /** One event's rows; the documents it makes stale and the notifications it drafts. */
  private async applyOne(
    client: PoolClient,
    event: RecordedJournalEvent | RecordedPlanningEvent,
    run?: RunState,
  ): Promise<EventDrafts & { stale: StaleKey[] }> {
    if (isPlanningStream(event.streamId)) {
      const planningEvent = event as RecordedPlanningEvent;
      const { drafts } = await applyPlanningEvent(
        client,
        planningEvent,
        this.config.PLANNING_HORIZON_DAYS,
      );
      return { event, drafts, stale: [] };
    }
    const journalEvent = event as RecordedJournalEvent;
    const applied = await applyJournalEvent(client, journalEvent, run);
    if (journalEvent.type === 'JournalOpened') {
      await staleAfterJournalOpened(client, journalEvent.data.journalId);
    }
    return { event, drafts: applied.drafts, stale: applied.stale };
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

type StreamVersions = Map<string, { applied: number; locked: number }>;

/**
 * The applied version of every stream of a run, each row locked to the commit (as
 * `applyInStreamOrder` locks one): one statement, in stream order so two runs never wait on
 * each other crosswise.
 */
async function lockVersions(
  client: PoolClient,
  events: { streamId: string }[],
): Promise<StreamVersions> {
  const streams = [...new Set(events.map((event) => event.streamId))].sort();
  const { rows } = await client.query<{ stream_id: string; version: number }>(
    `INSERT INTO ${APPLIED_VERSIONS} (stream_id, version)
     SELECT stream_id, 0 FROM unnest($1::text[]) WITH ORDINALITY AS s(stream_id, n) ORDER BY n
     ON CONFLICT (stream_id) DO UPDATE SET version = ${APPLIED_VERSIONS}.version
     RETURNING stream_id, version`,
    [streams],
  );
  return new Map(rows.map((row) => [row.stream_id, { applied: row.version, locked: row.version }]));
}

/** The streams the run advanced, in one statement. */
async function advanceVersions(client: PoolClient, versions: StreamVersions): Promise<void> {
  const advanced = [...versions].filter(([, { applied, locked }]) => applied > locked);
  if (advanced.length === 0) return;
  await client.query(
    `UPDATE ${APPLIED_VERSIONS} v SET version = a.version
     FROM unnest($1::text[], $2::int[]) AS a(stream_id, version) WHERE v.stream_id = a.stream_id`,
    [advanced.map(([streamId]) => streamId), advanced.map(([, { applied }]) => applied)],
  );
}
