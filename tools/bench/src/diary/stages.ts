import { percentile } from '../measure';
import type { Seen } from './delivery-watch';
import type { DiaryProcess } from './diary-process';

interface Row {
  markId: string;
  created: number;
  published: number | null;
  fannedOut: number | null;
  firstAttempt: number | null;
  delivered: number | null;
}

const spread = (values: number[]) => ({
  p50Ms: percentile(values, 50),
  p99Ms: percentile(values, 99),
});

/**
 * Where the diary's part of a mark's notification goes, from the timestamps its rows carry
 * (each the start of the transaction or statement that wrote it, on the same machine's clock):
 * the mark's event on the journal's topic → the consumer's transaction inserting the
 * notification → the relay's round publishing it; → the fan-out making its delivery → the
 * claim that sent it → the claim recording it delivered.
 */
export async function diaryStages(diary: DiaryProcess, onJournalTopic: Seen, markIds: Set<string>) {
  const { rows } = await diary.db.query<Row>(
    `SELECT n.message #>> '{data,markId}' AS "markId",
       extract(epoch FROM n.created_at) * 1000 AS created,
       extract(epoch FROM n.published_at) * 1000 AS published,
       extract(epoch FROM n.fanned_out_at) * 1000 AS "fannedOut",
       extract(epoch FROM d.first_attempt_at) * 1000 AS "firstAttempt",
       extract(epoch FROM d.delivered_at) * 1000 AS delivered
     FROM diary.notifications n LEFT JOIN diary.webhook_deliveries d USING (notification_id)
     WHERE n.kind = 'mark_recorded'`,
  );
  const epochOf = (performanceMs: number) => performance.timeOrigin + performanceMs;
  const lags: Record<string, number[]> = {
    toConsumerTransaction: [],
    toRelayRound: [],
    toFanOut: [],
    fanOutToClaim: [],
    claimToRecorded: [],
  };
  const push = (key: string, from: number | null, to: number | null) => {
    if (from !== null && to !== null) lags[key]?.push(Number(to) - Number(from));
  };
  for (const row of rows) {
    if (!markIds.has(row.markId)) continue;
    const seen = [...(onJournalTopic.get(row.markId)?.values() ?? [])];
    if (seen.length > 0) push('toConsumerTransaction', epochOf(Math.min(...seen)), row.created);
    push('toRelayRound', row.created, row.published);
    push('toFanOut', row.created, row.fannedOut);
    push('fanOutToClaim', row.fannedOut, row.firstAttempt);
    push('claimToRecorded', row.firstAttempt, row.delivered);
  }
  return {
    ...Object.fromEntries(Object.entries(lags).map(([key, values]) => [key, spread(values)])),
    of: 'journal topic → consumer transaction → relay round (topic); consumer → fan-out → claim → delivered recorded (webhook); each from its row’s timestamps',
  };
}
