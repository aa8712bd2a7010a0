import type { IdempotencyKey } from '@ejournal/event-store';
import { CommandReplies, keptCommand } from '@ejournal/write-path';
import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Pool } from 'pg';
import type { IdentityConfig } from '../config';
import { APP_POOL, IDENTITY_CONFIG } from '../infrastructure/tokens';
import { seal, unseal } from '@ejournal/config';

export const IDEMPOTENCY_KEY_REUSED = 'IDENTITY.IDEMPOTENCY_KEY_REUSED';

/**
 * A command of identity that creates or changes a record: it requires an `Idempotency-Key`,
 * and a retry with the same key and body gets the first answer (`IdempotentReplies`).
 */
export const IdentityCommand = () => keptCommand(IDEMPOTENCY_KEY_REUSED);

const aadOf = (key: IdempotencyKey) => `${key.caller}\n${key.route}\n${key.key}`;

/**
 * Identity's command answers, kept 24 hours in `identity.idempotent_replies`, sealed with the
 * key-encryption key (answers hold personal data and one-time codes), bound to their key.
 */
@Injectable()
export class IdempotentReplies extends CommandReplies {
  constructor(
    reflector: Reflector,
    @Inject(APP_POOL) pool: Pool,
    @Inject(IDENTITY_CONFIG) config: IdentityConfig,
  ) {
    const encryptionKey = Buffer.from(config.IDENTITY_KEY_ENCRYPTION_KEY, 'base64');
    super(reflector, pool, {
      table: 'identity.idempotent_replies',
      reusedCode: IDEMPOTENCY_KEY_REUSED,
      codec: {
        encode: (answer, key) =>
          seal(
            Buffer.from(answer === undefined ? '' : JSON.stringify(answer), 'utf8'),
            encryptionKey,
            aadOf(key),
          ),
        decode: (stored, key) => {
          const plain = unseal(stored as Buffer, encryptionKey, aadOf(key)).toString('utf8');
          return plain === '' ? undefined : JSON.parse(plain);
        },
      },
    });
  }
}
