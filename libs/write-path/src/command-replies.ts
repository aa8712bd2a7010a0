import type { AuthRequest } from '@ejournal/auth';
import type { IdempotencyKey } from '@ejournal/event-store';
import {
  ApiProblem,
  RequireIdempotencyKey,
  requiresIdempotencyKey,
  UnprocessableProblem,
} from '@ejournal/http';
import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { Pool } from 'pg';
import { from, mergeMap, type Observable } from 'rxjs';
import { idempotencyOf } from './idempotency';

/**
 * A command whose answer is kept (`CommandReplies`): an `Idempotency-Key` is required (428
 * without it) and documented with the 422 a reused key gets.
 */
export const keptCommand = (reusedCode: string) =>
  applyDecorators(
    RequireIdempotencyKey(
      'Required (428 without it). Any 8–128 letters, digits or . _ : - (a UUID is a good ' +
        'choice), one per request: for 24 hours a retry with the same key and body gets the ' +
        'first answer and changes nothing; the same key with another body is refused (422 ' +
        `${reusedCode}).`,
    ),
    ApiProblem(422, reusedCode),
  );

/** How an answer is stored: as JSON by default, or sealed (answers holding personal data). */
export interface ReplyCodec {
  encode(answer: unknown, key: IdempotencyKey): unknown;
  decode(stored: unknown, key: IdempotencyKey): unknown;
}

const JSON_REPLIES: ReplyCodec = {
  encode: (answer) => JSON.stringify(answer ?? null),
  decode: (stored) => stored ?? undefined,
};

export interface CommandRepliesOptions {
  /** `schema.table` with (caller, route, key) unique, body_hash, answer, recorded_at. */
  table: string;
  reusedCode: string;
  codec?: ReplyCodec;
}

/**
 * For services whose commands are not event-sourced appends (the journal's keep the key with
 * the append, in the store): keeps each successful answer of a `keptCommand` route for 24 hours
 * under (caller, route, key) and answers a retry with the same body from it; another body is
 * 422. A refusal is not kept: the retry is decided again. Two requests with one key at the same
 * moment both run; the command's own ids or state refuse the second.
 */
export abstract class CommandReplies implements NestInterceptor {
  private readonly codec: ReplyCodec;

  protected constructor(
    private readonly reflector: Reflector,
    private readonly pool: Pool,
    private readonly options: CommandRepliesOptions,
  ) {
    this.codec = options.codec ?? JSON_REPLIES;
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
    const { rows } = await this.pool.query<{ body_hash: string; answer: unknown }>(
      `SELECT body_hash, answer FROM ${this.options.table}
        WHERE caller = $1 AND route = $2 AND key = $3
          AND recorded_at > now() - interval '24 hours'`,
      [key.caller, key.route, key.key],
    );
    const [row] = rows;
    if (!row) return null;
    if (row.body_hash !== key.bodyHash)
      throw new UnprocessableProblem(
        this.options.reusedCode,
        'This Idempotency-Key was already used with another request body',
      );
    return { answer: this.codec.decode(row.answer, key) };
  }

  private async remember(key: IdempotencyKey, answer: unknown): Promise<unknown> {
    const { table } = this.options;
    await this.pool.query(
      `WITH expired AS (DELETE FROM ${table} WHERE recorded_at <= now() - interval '24 hours')
       INSERT INTO ${table} (caller, route, key, body_hash, answer)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (caller, route, key) DO UPDATE
         SET body_hash = excluded.body_hash, answer = excluded.answer, recorded_at = now()
         WHERE ${table}.recorded_at <= now() - interval '24 hours'`,
      [key.caller, key.route, key.key, key.bodyHash, this.codec.encode(answer, key)],
    );
    return answer;
  }
}
