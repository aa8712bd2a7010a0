import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { APP_POOL } from '../infrastructure/tokens';
import { DEFAULT_PREFERENCES, type NotificationPreferences } from './notification-preferences';

type Queryable = Pick<Pool | PoolClient, 'query'>;

/** Each recipient's preferences; the defaults for one who never set any. */
@Injectable()
export class PreferencesStore {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async of(personId: string): Promise<NotificationPreferences> {
    return (await this.ofMany([personId])).get(personId) ?? DEFAULT_PREFERENCES;
  }

  /** The preferences of those who set any; the others are not in the map. */
  async ofMany(
    personIds: readonly string[],
    db: Queryable = this.pool,
  ): Promise<Map<string, NotificationPreferences>> {
    const { rows } = await db.query<{ person_id: string; preferences: NotificationPreferences }>(
      'SELECT person_id, preferences FROM diary.notification_preferences WHERE person_id = ANY($1)',
      [personIds],
    );
    return new Map(rows.map((row) => [row.person_id, row.preferences]));
  }

  async save(personId: string, preferences: NotificationPreferences): Promise<void> {
    await this.pool.query(
      `INSERT INTO diary.notification_preferences (person_id, preferences) VALUES ($1, $2)
       ON CONFLICT (person_id) DO UPDATE SET preferences = excluded.preferences, updated_at = now()`,
      [personId, JSON.stringify(preferences)],
    );
  }
}
