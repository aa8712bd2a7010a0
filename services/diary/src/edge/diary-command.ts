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
import { from, lastValueFrom, type Observable } from 'rxjs';
import { APP_POOL } from '../infrastructure/tokens';

export const IDEMPOTENCY_KEY_REUSED = 'DIARY.IDEMPOTENCY_KEY_REUSED';

/** A diary command: an `Idempotency-Key` is required and a retry gets the first answer. */
export const DiaryCommand = () =>
  applyDecorators(
    RequireIdempotencyKey(
      'Required (428 without it): 8–128 letters, digits or . _ : - (a UUID is a good choice). ' +
        'For 24 hours a retry with the same key and body gets the first answer and changes ' +
        `nothing; the same key with another body is refused (422 ${IDEMPOTENCY_KEY_REUSED}).`,
    ),
    ApiProblem(422, IDEMPOTENCY_KEY_REUSED),
  );

/**
 * Keeps each successful answer of a diary command for 24 hours under (caller, route, key) and
 * answers a retry from it. A refusal is not kept: the retry is decided again.
 */
@Injectable()
export class DiaryCommandReplies implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_POOL) private readonly pool: Pool,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || !requiresIdempotencyKey(this.reflector, context))
      return next.handle();
    const key = idempotencyOf(context.switchToHttp().getRequest<AuthRequest>());
    return key ? from(this.answer(key, () => lastValueFrom(next.handle()))) : next.handle();
  }

  private async answer(key: IdempotencyKey, run: () => Promise<unknown>): Promise<unknown> {
    const { rows } = await this.pool.query<{ body_hash: string; answer: unknown }>(
      `SELECT body_hash, answer FROM diary.idempotent_replies
       WHERE caller = $1 AND route = $2 AND key = $3 AND recorded_at > now() - interval '1 day'`,
      [key.caller, key.route, key.key],
    );
    const earlier = rows[0];
    if (earlier && earlier.body_hash !== key.bodyHash)
      throw new UnprocessableProblem(
        IDEMPOTENCY_KEY_REUSED,
        'This Idempotency-Key was already used with another request body',
      );
    if (earlier) return earlier.answer ?? undefined;
    const answer = await run();
    await this.pool.query(
      `WITH purged AS (
         DELETE FROM diary.idempotent_replies WHERE recorded_at <= now() - interval '1 day')
       INSERT INTO diary.idempotent_replies (caller, route, key, body_hash, answer)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (caller, route, key) DO UPDATE
         SET body_hash = excluded.body_hash, answer = excluded.answer, recorded_at = now()`,
      [key.caller, key.route, key.key, key.bodyHash, JSON.stringify(answer ?? null)],
    );
    return answer;
  }
}
