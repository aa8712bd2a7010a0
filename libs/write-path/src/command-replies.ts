import type { AuthRequest } from '@ejournal/auth';
import type { IdempotencyKey } from '@ejournal/event-store';
import {
  ApiProblem,
  ConflictProblem,
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
import { catchError, from, mergeMap, type Observable } from 'rxjs';
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
        `${reusedCode}); a retry while the first is still being answered gets 409 ` +
        `${IDEMPOTENCY_KEY_IN_PROGRESS}.`,
    ),
    ApiProblem(409, IDEMPOTENCY_KEY_IN_PROGRESS),
    ApiProblem(422, reusedCode),
  );

/** A second request with a key whose first is still being answered (IETF idempotency draft). */
export const IDEMPOTENCY_KEY_IN_PROGRESS = 'HTTP.IDEMPOTENCY_KEY_IN_PROGRESS';

/**
 * A claim older than this is taken to belong to a request that died (a crashed replica) and is
 * taken over by the next request with the key.
 */
const ABANDONED_AFTER_SECONDS = 60;

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
  /**
   * `schema.table` with (caller, route, key) unique, body_hash, answer (nullable), recorded_at,
   * and state (`pending` while the first request runs, then `answered`).
   */
  table: string;
  reusedCode: string;
  codec?: ReplyCodec;
}

/**
 * For services whose commands are not event-sourced appends (the journal's keep the key with
 * the append, in the store): keeps each successful answer of a `keptCommand` route for 24 hours
 * under (caller, route, key) and answers a retry with the same body from it; another body is
 * 422. The first request claims the key (a `pending` row) before it runs, so a second one with
 * the key at the same moment, on any replica, gets 409 rather than running too; a claim older
 * than a minute (its request died with its replica) is taken over. A refusal is not kept: its
 * claim is dropped and the retry is decided again.
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
    return from(this.claim(key)).pipe(
      mergeMap((earlier) =>
        earlier
          ? from([earlier.answer])
          : next.handle().pipe(
              mergeMap((answer) => from(this.remember(key, answer))),
              catchError((error: unknown) => from(this.release(key, error))),
            ),
      ),
    );
  }

  /** null: this request holds the key and runs; else the kept answer of the first. */
  private async claim(key: IdempotencyKey): Promise<{ answer: unknown } | null> {
    const { table } = this.options;
    const claimed = await this.pool.query(
      `WITH expired AS (DELETE FROM ${table} WHERE recorded_at <= now() - interval '24 hours')
       INSERT INTO ${table} (caller, route, key, body_hash, answer, state)
       VALUES ($1, $2, $3, $4, NULL, 'pending')
       ON CONFLICT (caller, route, key) DO UPDATE
         SET body_hash = excluded.body_hash, answer = NULL, state = 'pending',
             recorded_at = now()
         WHERE ${table}.recorded_at <= now() - interval '24 hours'
            OR (${table}.state = 'pending'
                AND ${table}.recorded_at <= now() - make_interval(secs => $5))
       RETURNING 1`,
      [key.caller, key.route, key.key, key.bodyHash, ABANDONED_AFTER_SECONDS],
    );
    if (claimed.rowCount === 1) return null;
    const { rows } = await this.pool.query<{ body_hash: string; answer: unknown; state: string }>(
      `SELECT body_hash, answer, state FROM ${table}
        WHERE caller = $1 AND route = $2 AND key = $3`,
      [key.caller, key.route, key.key],
    );
    const [row] = rows;
    // Released between the two statements (the first was refused): decide this one afresh.
    if (!row) return this.claim(key);
    if (row.body_hash !== key.bodyHash)
      throw new UnprocessableProblem(
        this.options.reusedCode,
        'This Idempotency-Key was already used with another request body',
      );
    if (row.state === 'pending')
      throw new ConflictProblem(
        IDEMPOTENCY_KEY_IN_PROGRESS,
        'A request with this Idempotency-Key is still being answered; retry in a moment',
      );
    return { answer: this.codec.decode(row.answer, key) };
  }

  private async remember(key: IdempotencyKey, answer: unknown): Promise<unknown> {
    await this.pool.query(
      `UPDATE ${this.options.table} SET answer = $4, state = 'answered', recorded_at = now()
        WHERE caller = $1 AND route = $2 AND key = $3`,
      [key.caller, key.route, key.key, this.codec.encode(answer, key)],
    );
    return answer;
  }

  private async release(key: IdempotencyKey, error: unknown): Promise<never> {
    await this.pool.query(
      `DELETE FROM ${this.options.table}
        WHERE caller = $1 AND route = $2 AND key = $3 AND state = 'pending'`,
      [key.caller, key.route, key.key],
    );
    throw error;
  }
}
