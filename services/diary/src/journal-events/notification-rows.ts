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

/**
 * Addresses each draft to the pupil and to every guardian told about them on the event's
 * date (active link, no restriction, identity's `diary_notifications` consent), and inserts
 * the rows in the caller's transaction: the outbox the relay publishes. A replayed event
 * derives the same ids, and the rows are kept once.
 */
export async function insertNotifications(
  client: PoolClient,
  facts: DiaryFacts,
  event: Pick<
    RecordedEvent,
    'eventId' | 'type' | 'streamId' | 'streamVersion' | 'occurredAt' | 'tenant' | 'correlationId'
  >,
  drafts: NotificationDraft[],
): Promise<number> {
  const date = event.occurredAt.slice(0, 10);
  const schoolId = event.tenant.schoolId ?? '';
  const rows: { id: string; pupilId: string; recipientId: string; message: DiaryNotification }[] =
    [];
  const pupils = [...new Set(drafts.flatMap((draft) => draft.pupilIds))];
  const told = pupils.length > 0 ? await facts.notifiedGuardians(pupils, date, client) : new Map();
  for (const draft of drafts) {
    for (const pupilId of draft.pupilIds) {
      const guardians: string[] = told.get(pupilId) ?? [];
      const recipients = [
        { recipientId: pupilId, recipientRole: 'pupil' as const },
        ...guardians.map((id) => ({ recipientId: id, recipientRole: 'guardian' as const })),
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
        rows.push({ id, pupilId, recipientId: recipient.recipientId, message });
      }
    }
  }
  if (rows.length === 0) return 0;
  // Held to the commit: rows commit in seq order, so a reader that has seen seq n never sees
  // a smaller one appear later (live streams and inboxes page by seq).
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [SEQ_ORDER_LOCK]);
  const { rowCount } = await client.query(
    `INSERT INTO diary.notifications
       (notification_id, pupil_id, recipient_id, school_id, kind, message)
     SELECT id, pupil, recipient, $4, message->>'kind', message
     FROM unnest($1::uuid[], $2::text[], $3::text[], $5::jsonb[])
       AS r(id, pupil, recipient, message)
     ON CONFLICT (notification_id) DO NOTHING`,
    [
      rows.map((row) => row.id),
      rows.map((row) => row.pupilId),
      rows.map((row) => row.recipientId),
      schoolId,
      rows.map((row) => JSON.stringify(row.message)),
    ],
  );
  return rowCount ?? 0;
}
