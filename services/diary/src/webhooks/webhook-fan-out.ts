import { inTransaction } from '@ejournal/write-path';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { DiaryFacts } from '../facts/diary-facts';
import { APP_POOL } from '../infrastructure/tokens';
import { DEFAULT_PREFERENCES } from '../preferences/notification-preferences';
import { PreferencesStore } from '../preferences/preferences-store';
import { deliveryTime } from '../preferences/quiet-hours';

export const FAN_OUT_BATCH = 500;

interface Row {
  notification_id: string;
  seq: string;
  pupil_id: string;
  recipient_id: string;
  school_id: string;
  kind: string;
  created_at: Date;
}

interface Endpoint {
  endpoint_id: string;
  school_ids: string[];
  kinds: string[];
}

/**
 * Turns notifications into deliveries: each row not yet fanned out becomes one delivery per
 * endpoint serving its school and kind, due when the recipient's preferences say (after quiet
 * hours, at the digest; none with the app channel off), and is marked fanned out in the same
 * transaction. Rows are claimed with SKIP LOCKED, so replicas share the work; a delivery is
 * keyed by (endpoint, notification) and never made twice.
 */
@Injectable()
export class WebhookFanOut {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    private readonly preferences: PreferencesStore,
    private readonly facts: DiaryFacts,
  ) {}

  /** Fans out one batch; how many notifications it took. */
  fanOutBatch(): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<Row>(
        `SELECT notification_id, seq, pupil_id, recipient_id, school_id, kind, created_at
         FROM diary.notifications WHERE fanned_out_at IS NULL
         ORDER BY seq LIMIT ${FAN_OUT_BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      await this.insertDeliveries(client, rows);
      await client.query(
        'UPDATE diary.notifications SET fanned_out_at = now() WHERE notification_id = ANY($1)',
        [rows.map((row) => row.notification_id)],
      );
      return rows.length;
    });
  }

  private async insertDeliveries(client: PoolClient, rows: Row[]): Promise<void> {
    const schools = [...new Set(rows.map((row) => row.school_id))];
    const { rows: endpoints } = await client.query<Endpoint>(
      `SELECT endpoint_id, school_ids, kinds FROM diary.webhook_endpoints
       WHERE disabled_at IS NULL AND school_ids && $1::text[]`,
      [schools],
    );
    if (endpoints.length === 0) return;
    const preferences = await this.preferences.ofMany(
      [...new Set(rows.map((row) => row.recipient_id))],
      client,
    );
    const zones = new Map<string, string>();
    for (const school of schools) zones.set(school, (await this.facts.timeZone(school)) ?? 'UTC');
    const deliveries: { endpoint: string; row: Row; due: Date }[] = [];
    for (const row of rows) {
      const due = deliveryTime(
        preferences.get(row.recipient_id) ?? DEFAULT_PREFERENCES,
        'app',
        zones.get(row.school_id) ?? 'UTC',
        row.created_at,
      );
      if (due === 'never') continue;
      for (const endpoint of endpoints) {
        if (!endpoint.school_ids.includes(row.school_id)) continue;
        if (endpoint.kinds.length > 0 && !endpoint.kinds.includes(row.kind)) continue;
        deliveries.push({ endpoint: endpoint.endpoint_id, row, due });
      }
    }
    if (deliveries.length === 0) return;
    await client.query(
      `INSERT INTO diary.webhook_deliveries
         (endpoint_id, notification_id, seq, pupil_id, recipient_id, next_attempt_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[], $5::text[],
         $6::timestamptz[])
       ON CONFLICT (endpoint_id, notification_id) DO NOTHING`,
      [
        deliveries.map((each) => each.endpoint),
        deliveries.map((each) => each.row.notification_id),
        deliveries.map((each) => each.row.seq),
        deliveries.map((each) => each.row.pupil_id),
        deliveries.map((each) => each.row.recipient_id),
        deliveries.map((each) => each.due),
      ],
    );
  }
}
