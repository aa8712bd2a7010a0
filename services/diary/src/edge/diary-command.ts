import { CommandReplies, keptCommand } from '@ejournal/write-path';
import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Pool } from 'pg';
import { APP_POOL } from '../infrastructure/tokens';

export const IDEMPOTENCY_KEY_REUSED = 'DIARY.IDEMPOTENCY_KEY_REUSED';

/** A diary command: an `Idempotency-Key` is required and a retry gets the first answer. */
export const DiaryCommand = () => keptCommand(IDEMPOTENCY_KEY_REUSED);

/** The diary's command answers, kept 24 hours in `diary.idempotent_replies` (JSON). */
@Injectable()
export class DiaryCommandReplies extends CommandReplies {
  constructor(reflector: Reflector, @Inject(APP_POOL) pool: Pool) {
    super(reflector, pool, {
      table: 'diary.idempotent_replies',
      reusedCode: IDEMPOTENCY_KEY_REUSED,
    });
  }
}
