import { kafkaClient } from '@ejournal/messaging';
import { notificationId } from '@ejournal/contracts';
import { logLevel } from 'kafkajs';
import { Client } from 'pg';
import type { ChaosInfra } from './chaos-infra';
import type { Acknowledged } from './load';
import type { Platform } from './platform';
import type { ChaosSchool } from './school';
import { tally, type Tally } from './tally';

const JOURNAL_TOPIC = 'ejournal.journal.events.v1';

export interface Places {
  /** Acknowledged events in the journal's event store; doubled: the same lesson or mark twice. */
  store: Tally;
  /** On the journal's topic. Repeats are allowed there (at least once); counted apart. */
  topic: Tally;
  /** Acknowledged marks in the journal's grid read model (by mark id, in its cell). */
  readModel: Tally;
  /** Notifications the diary owes the consenting guardians for acknowledged marks. */
  notifications: Tally | null;
}

async function query<T>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Where the acknowledged events are now, counted by id in each place. */
export async function observe(
  infra: ChaosInfra,
  platform: Platform,
  school: ChaosSchool,
  acknowledged: Acknowledged[],
  withDiary: boolean,
): Promise<Places> {
  const ids = acknowledged.map((each) => each.eventId);
  const base = infra.env.PG_URL_BASE;
  // The same lesson (journal, date, slot) or mark recorded twice would be a double even under
  // new event ids: the store is counted by what the events are, not only by their ids.
  const stored = await query<{ id: string; same: string }>(
    `${base}/ejournal_journal`,
    `SELECT id,
            CASE type WHEN 'LessonHeld' THEN stream_id || '|' || (data->>'date') || '|' || (data->>'slot')
                      WHEN 'MarkRecorded' THEN 'mark|' || (data->>'markId')
                      WHEN 'MarkCorrected' THEN 'correction|' || (data->>'markId')
                      ELSE id END AS same
       FROM (SELECT event_id::text AS id, type, stream_id,
                    convert_from(canonical, 'UTF8')::jsonb -> 'data' AS data
               FROM event_store.events
              WHERE type IN ('LessonHeld', 'MarkRecorded', 'MarkCorrected')) AS events`,
  );
  const ackedIds = new Set(ids);
  const ackedByMeaning = new Map(
    stored.filter((row) => ackedIds.has(row.id)).map((row) => [row.same, row.id]),
  );
  // Every stored event of an acknowledged one's meaning counts for it: twice is a double.
  const storeSeen = stored.flatMap((row) => {
    const acked = ackedByMeaning.get(row.same);
    return acked ? [acked] : [];
  });

  const topicSeen = await readTopic(infra.env.KAFKA_BROKERS);
  const gridSeen = await gridMarks(platform, school);
  const marks = acknowledged.filter((each) => each.type === 'MarkRecorded');
  let notifications: Tally | null = null;
  if (withDiary) {
    const owed: string[] = [];
    for (const mark of marks)
      for (const [guardian, pupil] of school.guardians)
        if (mark.pupilId === pupil) owed.push(notificationId(mark.eventId, guardian));
    const rows = await query<{ id: string }>(
      `${base}/ejournal_diary`,
      'SELECT notification_id::text AS id FROM diary.notifications WHERE notification_id = ANY($1::uuid[])',
      [owed],
    );
    notifications = tally(
      owed,
      rows.map((row) => row.id),
    );
  }
  return {
    store: tally(ids, storeSeen),
    topic: tally(ids, topicSeen),
    readModel: tally(
      marks.map((mark) => mark.markId ?? ''),
      gridSeen,
    ),
    notifications,
  };
}

/** Every mark id in the journals' grids, once per cell it sits in. */
async function gridMarks(platform: Platform, school: ChaosSchool): Promise<string[]> {
  const seen: string[] = [];
  for (const journal of school.journals) {
    const response = await fetch(
      `${platform.baseUrl('journal')}/journals/${journal.journalId}/grid`,
      { headers: { authorization: `Bearer ${school.tokens.get(journal.teacher)}` } },
    );
    if (!response.ok) throw new Error(`grid of ${journal.journalId}: ${response.status}`);
    const grid = (await response.json()) as {
      pupils: { cells: ({ marks: { markId: string; revoked: boolean }[] } | null)[] }[];
    };
    for (const pupil of grid.pupils)
      for (const cell of pupil.cells)
        for (const mark of cell?.marks ?? []) if (!mark.revoked) seen.push(mark.markId);
  }
  return seen;
}

/** Every event id on the journal's topic, from its beginning to its end now. */
async function readTopic(brokers: string): Promise<string[]> {
  const kafka = kafkaClient({
    clientId: 'chaos-count',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(JOURNAL_TOPIC);
  await admin.disconnect();
  const remaining = new Map(
    ends.filter((each) => Number(each.high) > 0).map((each) => [each.partition, Number(each.high)]),
  );
  const seen: string[] = [];
  if (remaining.size === 0) return seen;
  const consumer = kafka.consumer({ groupId: `chaos-count-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: JOURNAL_TOPIC, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        eachMessage: async ({ partition, message }) => {
          const value = JSON.parse(message.value?.toString('utf8') ?? '{}') as { eventId?: string };
          if (value.eventId) seen.push(value.eventId);
          if (Number(message.offset) + 1 >= (remaining.get(partition) ?? 0)) {
            remaining.delete(partition);
            if (remaining.size === 0) resolve();
          }
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return seen;
}
