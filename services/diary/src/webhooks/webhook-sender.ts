import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { Pool } from 'pg';
import type { DiaryConfig } from '../config';
import { APP_POOL, DIARY_CONFIG } from '../infrastructure/tokens';
import { WakeableLoop } from '../infrastructure/wakeable-loop';
import { Wakeups } from '../infrastructure/wakeups';
import { nextAttempt, type RetryPolicy } from './retry-schedule';
import { FAN_OUT_BATCH, WebhookFanOut } from './webhook-fan-out';
import { WebhookQueue, type ClaimedDelivery } from './webhook-queue';
import { signWebhook } from './webhook-signature';
import { WebhookSecrets } from './webhook-secrets';
import { WebhookTargets } from './webhook-targets';

const IDLE_POLL_MS = 200;
/** While notifications stream in, a fan-out round at most this often. */
const SETTLE_MS = 20;
/** A claim takes this many requests' worth per slot of WEBHOOK_CONCURRENCY. */
const CLAIM_ROUNDS = 4;
/** A claim outlives its requests' timeouts by this much before another sender may take it. */
const LEASE_MARGIN_MS = 5_000;

interface Target {
  url: string;
  secrets: string[];
}

/**
 * Sends the deliveries: fans out new notifications, then drains every endpoint with something
 * due in a task of its own, so a slow or dead endpoint only ever holds its own queue. Each
 * request is signed per Standard Webhooks (webhook-id = the notification's id on every
 * attempt) and aborted after WEBHOOK_TIMEOUT_MS; a failure is retried with backoff and jitter
 * for WEBHOOK_RETRY_FOR_MS, then dead-lettered.
 */
@Injectable()
export class WebhookSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('webhooks');
  private readonly draining = new Map<string, Promise<void>>();
  private readonly stopping = new AbortController();
  private readonly retry: RetryPolicy;
  private loop: WakeableLoop | null = null;

  constructor(
    @Inject(DIARY_CONFIG) private readonly config: DiaryConfig,
    @Inject(APP_POOL) private readonly pool: Pool,
    private readonly fanOut: WebhookFanOut,
    private readonly queue: WebhookQueue,
    private readonly wakeups: Wakeups,
    private readonly targets: WebhookTargets,
    private readonly secrets: WebhookSecrets,
  ) {
    this.retry = {
      minMs: config.WEBHOOK_RETRY_MIN_MS,
      maxMs: config.WEBHOOK_RETRY_MAX_MS,
      forMs: config.WEBHOOK_RETRY_FOR_MS,
    };
  }

  onApplicationBootstrap(): void {
    if (!this.config.WEBHOOKS_ENABLED) return;
    if (!this.secrets.sealing)
      this.logger.warn({
        message: 'DIARY_SECRETS_KEY is not set: webhook secrets are stored unencrypted',
      });
    this.loop = new WakeableLoop(this.wakeups, {
      round: async () => {
        const fanned = await this.fanOut.fanOutBatch();
        for (const endpointId of await this.queue.dueEndpoints()) this.drain(endpointId);
        return fanned === FAN_OUT_BATCH ? 'full' : 'partial';
      },
      idleMs: IDLE_POLL_MS,
      settleMs: SETTLE_MS,
      onError: (error) =>
        this.logger.error({ message: 'webhook round failed; retrying', error: String(error) }),
    });
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
    this.stopping.abort();
    await Promise.all(this.draining.values());
  }

  /** Starts draining the endpoint unless this process already does. */
  private drain(endpointId: string): void {
    if (this.draining.has(endpointId) || this.stopping.signal.aborted) return;
    const task = this.drainEndpoint(endpointId)
      .catch((error: unknown) =>
        this.logger.error({ message: 'endpoint drain failed', endpointId, error: String(error) }),
      )
      .finally(() => this.draining.delete(endpointId));
    this.draining.set(endpointId, task);
  }

  /**
   * Claims up to CLAIM_ROUNDS × WEBHOOK_CONCURRENCY deliveries at a time (each the oldest of its
   * pupil and recipient, so none of them waits for another), sends them WEBHOOK_CONCURRENCY at
   * a time, and records the accepted ones in one statement: a few queries per claim rather
   * than per request. The lease covers every request of the claim timing out.
   */
  private async drainEndpoint(endpointId: string): Promise<void> {
    const { WEBHOOK_CONCURRENCY: concurrency, WEBHOOK_TIMEOUT_MS: timeout } = this.config;
    const lease = CLAIM_ROUNDS * timeout + LEASE_MARGIN_MS;
    while (!this.stopping.signal.aborted) {
      const target = await this.targetOf(endpointId);
      if (!target) return;
      const claimed = await this.queue.claim(endpointId, concurrency * CLAIM_ROUNDS, lease);
      if (claimed.length === 0) return;
      const accepted: string[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(concurrency, claimed.length) }, async () => {
          for (let delivery = claimed[next++]; delivery; delivery = claimed[next++]) {
            if (await this.attempt(endpointId, target, delivery))
              accepted.push(delivery.notificationId);
          }
        }),
      );
      await this.queue.delivered(endpointId, accepted);
    }
  }

  private async targetOf(endpointId: string): Promise<Target | null> {
    const { rows } = await this.pool.query<Target>(
      `SELECT url, CASE WHEN previous_until > now() THEN secrets ELSE secrets[1:1] END AS secrets
       FROM diary.webhook_endpoints WHERE endpoint_id = $1 AND disabled_at IS NULL`,
      [endpointId],
    );
    const row = rows[0];
    if (!row) return null;
    const secrets = row.secrets.map((stored) => this.secrets.fromStored(endpointId, stored));
    return { url: row.url, secrets };
  }

  /** One request; true when the endpoint accepted it (recorded by the caller), else recorded. */
  private async attempt(
    endpointId: string,
    target: Target,
    delivery: ClaimedDelivery,
  ): Promise<boolean> {
    const body = JSON.stringify({
      type: `diary.${delivery.kind}`,
      timestamp: delivery.createdAt,
      data: delivery.message,
    });
    const timeout = AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS);
    let failure: string;
    try {
      // Judged at every attempt, not only at registration: a name may since resolve elsewhere.
      const verdict = await this.targets.judge(target.url);
      if (!verdict.allowed) throw new Error(verdict.reason);
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'ejournal-diary-webhooks/1',
          ...signWebhook(delivery.notificationId, new Date(), body, target.secrets),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([timeout, this.stopping.signal]),
      });
      await response.body?.cancel();
      if (response.ok) return true;
      failure = `answered ${response.status}`;
    } catch (error) {
      failure = timeout.aborted
        ? `no answer within ${this.config.WEBHOOK_TIMEOUT_MS} ms`
        : error instanceof Error
          ? `${error.message}${error.cause ? `: ${String(error.cause)}` : ''}`
          : String(error);
    }
    const now = new Date();
    const next = this.stopping.signal.aborted
      ? now
      : nextAttempt(this.retry, delivery.attempts, delivery.firstAttemptAt, now);
    if (next === 'dead')
      this.logger.warn({
        message: 'webhook dead-lettered',
        endpointId,
        notificationId: delivery.notificationId,
        failure,
      });
    await this.queue.failed(endpointId, delivery.notificationId, next, failure);
    return false;
  }
}
