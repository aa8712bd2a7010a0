import type { AuthRequest } from '@ejournal/auth';
import type { IdempotencyKey } from '@ejournal/event-store';
import {
  ApiProblem,
  RequireIdempotencyKey,
  requiresIdempotencyKey,
  UnprocessableProblem,
} from '@ejournal/http';
import { idempotencyOf } from '@ejournal/write-path';
import {
  applyDecorators,
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Pool } from 'pg';
import { from, mergeMap, type Observable } from 'rxjs';
import type { IdentityConfig } from '../config';
import { APP_POOL, IDENTITY_CONFIG } from '../infrastructure/tokens';
import { seal, unseal } from '../keys/key-crypto';

export const IDEMPOTENCY_KEY_REUSED = 'IDENTITY.IDEMPOTENCY_KEY_REUSED';

/**
 * A command of identity that creates or changes a record: it requires an `Idempotency-Key`,
 * and a retry with the same key and body gets the first answer (`IdempotentReplies`).
 */
export const IdentityCommand = () =>
  applyDecorators(
    RequireIdempotencyKey(
      'Required (428 without it). Any 8–128 letters, digits or . _ : - (a UUID is a good ' +
        'choice), one per request: for 24 hours a retry with the same key and body gets the ' +
        'first answer and changes nothing; the same key with another body is refused (422 ' +
        `${IDEMPOTENCY_KEY_REUSED}).`,
    ),
    ApiProblem(422, IDEMPOTENCY_KEY_REUSED),
  );

const aadOf = (key: IdempotencyKey) => `${key.caller}\n${key.route}\n${key.key}`;

/**
 * Answers a retried command from what its first request answered, kept 24 hours, sealed
 * (answers hold personal data and one-time codes). Only successful answers are kept: a refused
 * request is decided again when retried. Two requests with one key at the same moment both
 * run; the command's own ids (client-chosen) or state refuse the second.
 */
@Injectable()
export class IdempotentReplies implements NestInterceptor {
  private readonly encryptionKey: Buffer;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(IDENTITY_CONFIG) config: IdentityConfig,
  ) {
    this.encryptionKey = Buffer.from(config.IDENTITY_KEY_ENCRYPTION_KEY, 'base64');
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || !requiresIdempotencyKey(this.reflector, context))
      return next.handle();
    // Without a key the route refuses the request itself (428).
    const key = idempotencyOf(context.switchToHttp().getRequest<AuthRequest>());
    if (!key) return next.handle();
    return from(this.earlierAnswer(key)).pipe(
      mergeMap((earlier) =>
        earlier
          ? from([earlier.answer])
          : next.handle().pipe(mergeMap((answer) => from(this.remember(key, answer)))),
      ),
    );
  }

  private async earlierAnswer(key: IdempotencyKey): Promise<{ answer: unknown } | null> {
    const { rows } = await this.pool.query<{ body_hash: string; answer: Buffer }>(
      `SELECT body_hash, answer FROM identity.idempotent_replies
        WHERE caller = $1 AND route = $2 AND key = $3
          AND recorded_at > now() - interval '24 hours'`,
      [key.caller, key.route, key.key],
    );
    const [row] = rows;
    if (!row) return null;
    if (row.body_hash !== key.bodyHash)
      throw new UnprocessableProblem(
        IDEMPOTENCY_KEY_REUSED,
        'This Idempotency-Key was already used with another request body',
      );
    const plain = unseal(row.answer, this.encryptionKey, aadOf(key)).toString('utf8');
    return { answer: plain === '' ? undefined : JSON.parse(plain) };
  }

  private async remember(key: IdempotencyKey, answer: unknown): Promise<unknown> {
    const plain = Buffer.from(answer === undefined ? '' : JSON.stringify(answer), 'utf8');
    await this.pool.query(
      `WITH expired AS (
         DELETE FROM identity.idempotent_replies WHERE recorded_at <= now() - interval '24 hours'
       )
       INSERT INTO identity.idempotent_replies (caller, route, key, body_hash, answer)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (caller, route, key) DO UPDATE
         SET body_hash = excluded.body_hash, answer = excluded.answer, recorded_at = now()
         WHERE identity.idempotent_replies.recorded_at <= now() - interval '24 hours'`,
      [key.caller, key.route, key.key, key.bodyHash, seal(plain, this.encryptionKey, aadOf(key))],
    );
    return answer;
  }
}
