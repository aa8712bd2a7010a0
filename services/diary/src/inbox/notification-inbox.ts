import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL } from '../infrastructure/tokens';

/** A notification as its recipient sees it; `id` is its place in the recipient's feed. */
export interface InboxItem {
  id: string;
  notificationId: string;
  kind: string;
  pupilId: string;
  schoolId: string;
  createdAt: string;
  read: boolean;
  message: object;
}

const ITEM = `seq::text AS id, notification_id AS "notificationId", kind, pupil_id AS "pupilId",
  school_id AS "schoolId", to_json(created_at) #>> '{}' AS "createdAt",
  read_at IS NOT NULL AS read, message`;

/** The notifications addressed to one person (`notifications_recipient_idx`). */
@Injectable()
export class NotificationInbox {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  /** Newest first, before `before` (an item's id) when paging. */
  async page(
    recipientId: string,
    options: { before?: string; unreadOnly: boolean; limit: number },
  ): Promise<InboxItem[]> {
    const { rows } = await this.pool.query<InboxItem>(
      `SELECT ${ITEM} FROM diary.notifications
       WHERE recipient_id = $1 AND ($2::bigint IS NULL OR seq < $2::bigint)
         AND (NOT $3 OR read_at IS NULL)
       ORDER BY seq DESC LIMIT $4`,
      [recipientId, options.before ?? null, options.unreadOnly, options.limit],
    );
    return rows;
  }

  async unreadCount(recipientId: string): Promise<number> {
    const { rows } = await this.pool.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM diary.notifications
       WHERE recipient_id = $1 AND read_at IS NULL`,
      [recipientId],
    );
    return rows[0]?.count ?? 0;
  }

  /** Marks these of the recipient's notifications read, or all up to an item's id. */
  async markRead(
    recipientId: string,
    which: { notificationIds: string[] } | { upTo: string },
  ): Promise<number> {
    const { rowCount } = await this.pool.query(
      `UPDATE diary.notifications SET read_at = now()
       WHERE recipient_id = $1 AND read_at IS NULL
         AND (notification_id = ANY($2::uuid[]) OR seq <= $3::bigint)`,
      [
        recipientId,
        'notificationIds' in which ? which.notificationIds : [],
        'upTo' in which ? which.upTo : null,
      ],
    );
    return rowCount ?? 0;
  }

  /** The id of the recipient's newest notification ('0' when none): where a new stream starts. */
  async newestId(recipientId: string): Promise<string> {
    const { rows } = await this.pool.query<{ id: string | null }>(
      'SELECT max(seq)::text AS id FROM diary.notifications WHERE recipient_id = $1',
      [recipientId],
    );
    return rows[0]?.id ?? '0';
  }

  /** For each (recipient, cursor), up to `limit` later notifications, oldest first. */
  async after(
    cursors: readonly { recipientId: string; after: string }[],
    limit: number,
  ): Promise<(InboxItem & { cursor: number })[]> {
    const { rows } = await this.pool.query<InboxItem & { cursor: number }>(
      `SELECT c.ordinality::int - 1 AS cursor, n.* FROM
         unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS c(recipient_id, after, ordinality)
       CROSS JOIN LATERAL (
         SELECT ${ITEM} FROM diary.notifications
         WHERE recipient_id = c.recipient_id AND seq > c.after ORDER BY seq LIMIT $3
       ) n ORDER BY cursor, n.id::bigint`,
      [cursors.map((each) => each.recipientId), cursors.map((each) => each.after), limit],
    );
    return rows;
  }
}
