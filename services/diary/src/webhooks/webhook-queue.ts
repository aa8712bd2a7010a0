import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL } from '../infrastructure/tokens';

/** A delivery claimed for one attempt: what to send and how to sign it. */
export interface ClaimedDelivery {
  notificationId: string;
  kind: string;
  createdAt: string;
  message: object;
  attempts: number;
  firstAttemptAt: Date;
}

/** An endpoint's URL and the secrets valid now, as stored (sealed or not). */
export interface StoredTarget {
  url: string;
  secrets: string[];
}

/** What one claim took, and where to send it (null when it took nothing). */
export interface Claim {
  target: StoredTarget | null;
  deliveries: ClaimedDelivery[];
}

export interface DeadLetter {
  notificationId: string;
  kind: string;
  pupilId: string;
  recipientId: string;
  attempts: number;
  firstAttemptAt: string;
  deadAt: string;
  lastError: string | null;
}

/**
 * Each endpoint's queue of deliveries in PostgreSQL. A claim takes, per (pupil, recipient),
 * only the oldest pending delivery and only when it is due and not leased: later notifications
 * of that pupil wait for it (order per pupil), other pupils' and other endpoints' do not. It
 * walks the endpoint's pending deliveries in `seq` order and stops at its limit (migration 307).
 * FOR UPDATE SKIP LOCKED keeps two senders off one row; the lease keeps it off while in flight.
 */
@Injectable()
export class WebhookQueue {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  /**
   * Endpoints with a delivery due now: per endpoint, the first due and unleased pending one
   * in `seq` order (migration 307's index), so the query stops early whatever the backlog.
   * It used to collect every due delivery of every endpoint on each round (every 20 ms while
   * notifications stream in), which grew with the backlog it was meant to drain.
   */
  async dueEndpoints(): Promise<string[]> {
    const { rows } = await this.pool.query<{ endpoint_id: string }>(
      `SELECT e.endpoint_id FROM diary.webhook_endpoints e
       WHERE e.disabled_at IS NULL AND EXISTS (SELECT 1 FROM diary.webhook_deliveries d
         WHERE d.endpoint_id = e.endpoint_id AND d.state = 'pending'
           AND d.next_attempt_at <= now() AND (d.lease_until IS NULL OR d.lease_until < now()))`,
    );
    return rows.map((row) => row.endpoint_id);
  }

  /**
   * Records `settled` (accepted by the endpoint) as delivered and claims up to `limit` more
   * deliveries of the endpoint, in one statement: the claim counts the settled ones as gone,
   * so the next delivery of their queues is taken at once. Nothing is claimed for a disabled
   * endpoint. The target (URL and the secrets valid now, as stored) comes with the claim.
   */
  async claim(
    endpointId: string,
    limit: number,
    leaseMs: number,
    settled: string[] = [],
  ): Promise<Claim> {
    const { rows } = await this.pool.query<ClaimedDelivery & StoredTarget>(
      `WITH settled AS (
         UPDATE diary.webhook_deliveries s
         SET state = 'delivered', delivered_at = now(), lease_until = NULL, last_error = NULL
         FROM unnest($4::uuid[]) AS a(notification_id)
         WHERE s.endpoint_id = $1 AND s.notification_id = a.notification_id
           AND s.state = 'pending'
       ), endpoint AS (
         SELECT url,
           CASE WHEN previous_until > now() THEN secrets ELSE secrets[1:1] END AS secrets
         FROM diary.webhook_endpoints WHERE endpoint_id = $1 AND disabled_at IS NULL
       ), due AS (
         SELECT d.notification_id FROM diary.webhook_deliveries d
         WHERE d.endpoint_id = $1 AND d.state = 'pending' AND d.next_attempt_at <= now()
           AND (d.lease_until IS NULL OR d.lease_until < now())
           AND d.notification_id <> ALL($4::uuid[]) AND EXISTS (SELECT 1 FROM endpoint)
           AND d.seq = (SELECT o.seq FROM diary.webhook_deliveries o
             WHERE o.endpoint_id = $1 AND o.pupil_id = d.pupil_id
               AND o.recipient_id = d.recipient_id AND o.state = 'pending'
               AND o.notification_id <> ALL($4::uuid[])
             ORDER BY o.seq LIMIT 1)
         ORDER BY d.seq LIMIT $2 FOR UPDATE OF d SKIP LOCKED
       )
       UPDATE diary.webhook_deliveries d
       SET lease_until = now() + make_interval(secs => $3 / 1000.0), attempts = d.attempts + 1,
           first_attempt_at = COALESCE(d.first_attempt_at, now())
       FROM due, diary.notifications n, endpoint e
       WHERE d.endpoint_id = $1 AND d.notification_id = due.notification_id
         AND n.notification_id = due.notification_id
       RETURNING d.notification_id AS "notificationId", n.kind, n.message,
         to_json(n.created_at) #>> '{}' AS "createdAt", d.attempts,
         d.first_attempt_at AS "firstAttemptAt", e.url, e.secrets`,
      [endpointId, limit, leaseMs, settled],
    );
    const first = rows[0];
    if (!first) return { target: null, deliveries: [] };
    const deliveries = rows.map(({ url: _url, secrets: _secrets, ...delivery }) => delivery);
    return { target: { url: first.url, secrets: first.secrets }, deliveries };
  }

  /** Claimed deliveries not sent (the sender stops): claimable again now, the claim undone. */
  async release(endpointId: string, notificationIds: string[]): Promise<void> {
    if (notificationIds.length === 0) return;
    await this.pool.query(
      `UPDATE diary.webhook_deliveries
       SET lease_until = NULL, attempts = greatest(attempts - 1, 0),
           first_attempt_at = CASE WHEN attempts <= 1 THEN NULL ELSE first_attempt_at END
       WHERE endpoint_id = $1 AND notification_id = ANY($2::uuid[]) AND state = 'pending'`,
      [endpointId, notificationIds],
    );
  }

  /** Delivered: one statement for every delivery the endpoint accepted. */
  async delivered(endpointId: string, notificationIds: string[]): Promise<void> {
    if (notificationIds.length === 0) return;
    await this.pool.query(
      `UPDATE diary.webhook_deliveries
       SET state = 'delivered', delivered_at = now(), lease_until = NULL, last_error = NULL
       WHERE endpoint_id = $1 AND notification_id = ANY($2::uuid[]) AND state = 'pending'`,
      [endpointId, notificationIds],
    );
  }

  /** A failed attempt: tried again at `next`, or dead (the endpoint's dead letters). */
  async failed(
    endpointId: string,
    notificationId: string,
    next: Date | 'dead',
    error: string,
  ): Promise<void> {
    await this.pool.query(
      `UPDATE diary.webhook_deliveries
       SET lease_until = NULL, last_error = $4,
           state = CASE WHEN $3::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
           dead_at = CASE WHEN $3::timestamptz IS NULL THEN now() END,
           next_attempt_at = COALESCE($3::timestamptz, next_attempt_at)
       WHERE endpoint_id = $1 AND notification_id = $2 AND state = 'pending'`,
      [endpointId, notificationId, next === 'dead' ? null : next, error.slice(0, 500)],
    );
  }

  /** The endpoint's dead letters, newest first, before a `deadAt` when paging. */
  async deadLetters(endpointId: string, limit: number, before?: string): Promise<DeadLetter[]> {
    const { rows } = await this.pool.query<DeadLetter>(
      `SELECT d.notification_id AS "notificationId", n.kind, d.pupil_id AS "pupilId",
         d.recipient_id AS "recipientId", d.attempts, d.last_error AS "lastError",
         to_json(d.first_attempt_at) #>> '{}' AS "firstAttemptAt",
         to_json(d.dead_at) #>> '{}' AS "deadAt"
       FROM diary.webhook_deliveries d JOIN diary.notifications n USING (notification_id)
       WHERE d.endpoint_id = $1 AND d.state = 'dead'
         AND ($3::timestamptz IS NULL OR d.dead_at < $3::timestamptz)
       ORDER BY d.dead_at DESC, d.seq DESC LIMIT $2`,
      [endpointId, limit, before ?? null],
    );
    return rows;
  }

  /** Dead letters (these, or all) pending again from now, with a fresh retry window. */
  async replayDead(endpointId: string, notificationIds: string[] | null): Promise<number> {
    const { rowCount } = await this.pool.query(
      `UPDATE diary.webhook_deliveries
       SET state = 'pending', attempts = 0, first_attempt_at = NULL, next_attempt_at = now(),
           dead_at = NULL, last_error = NULL
       WHERE endpoint_id = $1 AND state = 'dead'
         AND ($2::uuid[] IS NULL OR notification_id = ANY($2::uuid[]))`,
      [endpointId, notificationIds],
    );
    return rowCount ?? 0;
  }

  /**
   * Every notification for the endpoint's schools and kinds made since `from` is sent again
   * (with the webhook-id it had: receivers drop what they hold), except to recipients who turned
   * the app channel off; pending ones keep their place.
   */
  async replaySince(endpointId: string, from: Date): Promise<number> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO diary.webhook_deliveries
         (endpoint_id, notification_id, seq, pupil_id, recipient_id, next_attempt_at)
       SELECT e.endpoint_id, n.notification_id, n.seq, n.pupil_id, n.recipient_id, now()
       FROM diary.webhook_endpoints e JOIN diary.notifications n
         ON n.school_id = ANY(e.school_ids) AND (e.kinds = '{}' OR n.kind = ANY(e.kinds))
       WHERE e.endpoint_id = $1 AND n.created_at >= $2
         AND NOT EXISTS (SELECT 1 FROM diary.notification_preferences p
           WHERE p.person_id = n.recipient_id AND p.preferences #> '{channels,app}' = 'false')
       ON CONFLICT (endpoint_id, notification_id) DO UPDATE
         SET state = 'pending', attempts = 0, first_attempt_at = NULL, lease_until = NULL,
             next_attempt_at = now(), delivered_at = NULL, dead_at = NULL, last_error = NULL
         WHERE diary.webhook_deliveries.state <> 'pending'`,
      [endpointId, from],
    );
    return rowCount ?? 0;
  }
}
