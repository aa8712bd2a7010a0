import {
  notificationId,
  type DiaryNotification,
  type NotificationKind,
  type RecordedEvent,
} from '@ejournal/contracts';
import type { PoolClient } from 'pg';
import type { DiaryFacts } from '../facts/diary-facts';

const SEQ_ORDER_LOCK = 'ejournal.diary.notification-seq';

/** A notification of one event for some pupils, before it is addressed to each recipient. */
export interface NotificationDraft {
  kind: NotificationKind;
  pupilIds: string[];
  data: Record<string, unknown>;
}

type SourceEvent = Pick<
  RecordedEvent,
  'eventId' | 'type' | 'streamId' | 'streamVersion' | 'occurredAt' | 'tenant' | 'correlationId'
>;

/** The notifications one event yields, before they are addressed. */
export interface EventDrafts {
  event: SourceEvent;
  drafts: NotificationDraft[];
}

interface Row {
  id: string;
  pupilId: string;
  recipientId: string;
  schoolId: string;
  message: DiaryNotification;
}

/**
 * Guardians told about each pupil on each date the events occurred: one query per date (a
 * run of events is most often of one day), for every pupil of that date's events.
 */
async function guardiansByDate(client: PoolClient, facts: DiaryFacts, items: EventDrafts[]) {
  const pupilsOn = new Map<string, Set<string>>();
  for (const { event, drafts } of items) {
    const date = event.occurredAt.slice(0, 10);
    const pupils = pupilsOn.get(date) ?? new Set<string>();
    for (const draft of drafts) for (const pupil of draft.pupilIds) pupils.add(pupil);
    pupilsOn.set(date, pupils);
  }
  const told = new Map<string, Map<string, string[]>>();
  for (const [date, pupils] of pupilsOn) {
    if (pupils.size > 0) told.set(date, await facts.notifiedGuardians([...pupils], date, client));
  }
  return told;
}

function rowsOf({ event, drafts }: EventDrafts, told: Map<string, string[]>): Row[] {
  const schoolId = event.tenant.schoolId ?? '';
  const rows: Row[] = [];
  for (const draft of drafts) {
    for (const pupilId of draft.pupilIds) {
      const recipients = [
        { recipientId: pupilId, recipientRole: 'pupil' as const },
        ...(told.get(pupilId) ?? []).map((id) => ({
          recipientId: id,
          recipientRole: 'guardian' as const,
        })),
      ];
      for (const recipient of recipients) {
        const id = notificationId(event.eventId, recipient.recipientId);
        const message = {
          notificationId: id,
          schemaVersion: 1,
          kind: draft.kind,
          pupilId,
          ...recipient,
          schoolId,
          occurredAt: event.occurredAt,
          source: {
            eventId: event.eventId,
            type: event.type,
            streamId: event.streamId,
            streamVersion: event.streamVersion,
          },
          correlationId: event.correlationId,
          data: draft.data,
        } as DiaryNotification;
        rows.push({ id, pupilId, recipientId: recipient.recipientId, schoolId, message });
      }
    }
  }
  return rows;
}

/**
 * Addresses each event's drafts to the pupil and to every guardian told about them on the
 * event's date (active link, no restriction, identity's `diary_notifications` consent), and
 * inserts the rows of all the events in one statement, in the caller's transaction: the
 * outbox the relay publishes, in the events' order. A replayed event derives the same ids,
 * and the rows are kept once.
 */
export async function insertNotifications(
  client: PoolClient,
  facts: DiaryFacts,
  items: EventDrafts[],
): Promise<number> {
  const withDrafts = items.filter((item) => item.drafts.length > 0);
  if (withDrafts.length === 0) return 0;
  const told = await guardiansByDate(client, facts, withDrafts);
  const rows = withDrafts.flatMap((item) =>
    rowsOf(item, told.get(item.event.occurredAt.slice(0, 10)) ?? new Map()),
  );
  if (rows.length === 0) return 0;
  // Held to the commit: rows commit in seq order, so a reader that has seen seq n never sees
  // a smaller one appear later (live streams and inboxes page by seq).
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [SEQ_ORDER_LOCK]);
  const { rowCount } = await client.query(
    `INSERT INTO diary.notifications
       (notification_id, pupil_id, recipient_id, school_id, kind, message)
     SELECT id, pupil, recipient, school, message->>'kind', message
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[])
       WITH ORDINALITY AS r(id, pupil, recipient, school, message, n)
     ORDER BY n
     ON CONFLICT (notification_id) DO NOTHING`,
    [
      rows.map((row) => row.id),
      rows.map((row) => row.pupilId),
      rows.map((row) => row.recipientId),
      rows.map((row) => row.schoolId),
      rows.map((row) => JSON.stringify(row.message)),
    ],
  );
  return rowCount ?? 0;
}
