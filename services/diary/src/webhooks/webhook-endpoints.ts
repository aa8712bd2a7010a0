import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { APP_POOL } from '../infrastructure/tokens';
import { WebhookSecrets } from './webhook-secrets';

export interface WebhookEndpoint {
  endpointId: string;
  url: string;
  schoolIds: string[];
  /** Empty: every kind. */
  kinds: string[];
  registeredBy: string;
  registeredAt: string;
  /** While a rotation lasts, the previous secret signs too until then. */
  previousSecretValidUntil: string | null;
}

const COLUMNS = `endpoint_id AS "endpointId", url, school_ids AS "schoolIds", kinds,
  registered_by AS "registeredBy", to_json(registered_at) #>> '{}' AS "registeredAt",
  CASE WHEN previous_until > now() THEN to_json(previous_until) #>> '{}' END
    AS "previousSecretValidUntil"`;

/** The school apps' endpoints; secrets are written here (sealed) and read only by the sender. */
@Injectable()
export class WebhookEndpoints {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    private readonly secrets: WebhookSecrets,
  ) {}

  async register(input: {
    url: string;
    schoolIds: string[];
    kinds: string[];
    secret: string;
    registeredBy: string;
  }): Promise<WebhookEndpoint> {
    const endpointId = randomUUID();
    const secret = this.secrets.toStored(endpointId, input.secret);
    const { rows } = await this.pool.query<WebhookEndpoint>(
      `INSERT INTO diary.webhook_endpoints
         (endpoint_id, url, school_ids, kinds, secrets, registered_by)
       VALUES ($1, $2, $3, $4, ARRAY[$5], $6) RETURNING ${COLUMNS}`,
      [endpointId, input.url, input.schoolIds, input.kinds, secret, input.registeredBy],
    );
    return rows[0] as WebhookEndpoint;
  }

  async find(endpointId: string): Promise<WebhookEndpoint | null> {
    const { rows } = await this.pool.query<WebhookEndpoint>(
      `SELECT ${COLUMNS} FROM diary.webhook_endpoints
       WHERE endpoint_id::text = $1 AND disabled_at IS NULL`,
      [endpointId],
    );
    return rows[0] ?? null;
  }

  /** Every endpoint when `schools` is null (region-wide), else those within these schools. */
  async list(schools: readonly string[] | null): Promise<WebhookEndpoint[]> {
    const { rows } = await this.pool.query<WebhookEndpoint>(
      `SELECT ${COLUMNS} FROM diary.webhook_endpoints
       WHERE disabled_at IS NULL AND ($1::text[] IS NULL OR school_ids <@ $1::text[])
       ORDER BY registered_at, endpoint_id`,
      [schools],
    );
    return rows;
  }

  /** The new secret signs from now on; the current one too for `overlapSeconds`. */
  async rotate(endpointId: string, secret: string, overlapSeconds: number): Promise<void> {
    await this.pool.query(
      `UPDATE diary.webhook_endpoints
       SET secrets = CASE WHEN $3::int > 0 THEN ARRAY[$2, secrets[1]] ELSE ARRAY[$2] END,
           previous_until = CASE WHEN $3::int > 0 THEN now() + make_interval(secs => $3) END
       WHERE endpoint_id = $1`,
      [endpointId, this.secrets.toStored(endpointId, secret), overlapSeconds],
    );
  }

  /** Stops deliveries to the endpoint; what it was sent stays for the record. */
  async disable(endpointId: string): Promise<void> {
    await this.pool.query(
      'UPDATE diary.webhook_endpoints SET disabled_at = now() WHERE endpoint_id = $1',
      [endpointId],
    );
  }
}
