import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DiaryConfig } from '../config';
import { DIARY_CONFIG } from '../infrastructure/tokens';
import { WakeableLoop } from '../infrastructure/wakeable-loop';
import { Wakeups } from '../infrastructure/wakeups';
import { EndpointPipeline } from './endpoint-pipeline';
import { nextAttempt, type RetryPolicy } from './retry-schedule';
import { FAN_OUT_BATCH, WebhookFanOut } from './webhook-fan-out';
import { WebhookPost } from './webhook-post';
import { WebhookQueue, type ClaimedDelivery } from './webhook-queue';
import { signWebhook } from './webhook-signature';
import { WebhookSecrets } from './webhook-secrets';
import { WebhookTargets } from './webhook-targets';

const IDLE_POLL_MS = 200;
/** While notifications stream in, a fan-out round at most this often. */
const SETTLE_MS = 20;
/** Deliveries an endpoint's pipeline holds (in flight and waiting) per WEBHOOK_CONCURRENCY lane. */
const CLAIM_ROUNDS = 4;
/** A claim outlives its requests' timeouts by this much before another sender may take it. */
const LEASE_MARGIN_MS = 5_000;

interface Target {
  url: string;
  secrets: string[];
}

type Delivery = ClaimedDelivery & { target: Target };

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
  private readonly draining = new Map<string, EndpointPipeline<Delivery>>();
  private readonly stopping = new AbortController();
  private readonly http = new WebhookPost();
  private readonly retry: RetryPolicy;
  private loop: WakeableLoop | null = null;

  constructor(
    @Inject(DIARY_CONFIG) private readonly config: DiaryConfig,
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
    const pipelines = [...this.draining.values()];
    for (const pipeline of pipelines) pipeline.poke();
    await Promise.all(pipelines.map((pipeline) => pipeline.finished));
    this.http.close();
  }

  /**
   * Starts sending the endpoint's deliveries unless this process already does; a running
   * pipeline claims again (the round may have made new deliveries for it).
   */
  private drain(endpointId: string): void {
    if (this.stopping.signal.aborted) return;
    const running = this.draining.get(endpointId);
    if (running) return running.poke();
    const pipeline = this.pipeline(endpointId);
    this.draining.set(endpointId, pipeline);
    void pipeline.finished.then(() => this.draining.delete(endpointId));
    pipeline.poke();
  }

  /**
   * WEBHOOK_CONCURRENCY requests in flight, each lane taking the next claimed delivery as its
   * request ends; the accepted ones are recorded by the next claim, in the same statement.
   * A claim takes only the oldest pending delivery of each (pupil, recipient), so a hung
   * request holds its own queue and lane and nothing else. The lease covers a delivery
   * waiting behind CLAIM_ROUNDS requests per lane that all time out, then its own request;
   * one claimed longer ago than that is not started (its lease lapses, it is claimed again).
   */
  private pipeline(endpointId: string): EndpointPipeline<Delivery> {
    const { WEBHOOK_CONCURRENCY: concurrency, WEBHOOK_TIMEOUT_MS: timeout } = this.config;
    const startWithinMs = CLAIM_ROUNDS * timeout;
    const lease = startWithinMs + timeout + LEASE_MARGIN_MS;
    return new EndpointPipeline<Delivery>({
      concurrency,
      capacity: CLAIM_ROUNDS * concurrency,
      startWithinMs,
      claim: async (limit, settled) => {
        const { target, deliveries } = await this.queue.claim(endpointId, limit, lease, settled);
        if (!target) return [];
        const secrets = target.secrets.map((each) => this.secrets.fromStored(endpointId, each));
        const unsealed = { url: target.url, secrets };
        return deliveries.map((delivery) => ({ ...delivery, target: unsealed }));
      },
      send: (delivery) => this.attempt(endpointId, delivery.target, delivery),
      finish: async (settled, unsent) => {
        await this.queue.delivered(endpointId, settled);
        await this.queue.release(endpointId, unsent);
      },
      onError: (error) =>
        this.logger.error({ message: 'webhook delivery failed', endpointId, error: String(error) }),
      pause: () =>
        sleep(IDLE_POLL_MS, undefined, { signal: this.stopping.signal }).catch(() => undefined),
      stopping: this.stopping.signal,
    });
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
      const status = await this.http.send(
        target.url,
        verdict.addresses,
        {
          'content-type': 'application/json',
          'user-agent': 'ejournal-diary-webhooks/1',
          ...signWebhook(delivery.notificationId, new Date(), body, target.secrets),
        },
        body,
        AbortSignal.any([timeout, this.stopping.signal]),
      );
      if (status >= 200 && status < 300) return true;
      failure = `answered ${status}`;
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
