import { logVerifierKey } from '@ejournal/integrity';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL } from '../infrastructure/tokens';

export interface CheckpointKey {
  logId: string;
  service: string;
  keyId: string;
  /** `<logId>+<8 hex key hash>+<base64(0x01 || public key)>`, as C2SP note verifiers take it. */
  verifierKey: string;
  /** The raw Ed25519 public key, base64. */
  publicKey: string;
  /** When the archive first accepted a checkpoint signed with it. */
  firstSeenAt: string;
}

export interface CheckpointKeys {
  keys: CheckpointKey[];
}

/**
 * The verifier key of every log and key whose checkpoints the archive accepted (the key first
 * accepted under a log and key id: pinned), in the C2SP signed-note form.
 */
@Injectable()
export class CheckpointKeysQuery {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async keys(): Promise<CheckpointKeys> {
    const { rows } = await this.pool.query<{
      log_id: string;
      service: string;
      key_id: string;
      public_key: Buffer;
      received_at: Date;
    }>(
      `SELECT DISTINCT ON (log_id, key_id) log_id, service, key_id, public_key, received_at
       FROM archive.checkpoints WHERE verdict <> 'failed'
       ORDER BY log_id, key_id, checkpoint_id`,
    );
    return {
      keys: rows.flatMap((row) => {
        try {
          return [
            {
              logId: row.log_id,
              service: row.service,
              keyId: row.key_id,
              verifierKey: logVerifierKey(row.log_id, row.public_key),
              publicKey: row.public_key.toString('base64'),
              firstSeenAt: row.received_at.toISOString(),
            },
          ];
        } catch {
          return []; // a log id no note key name can hold (kept from before notes): no key
        }
      }),
    };
  }
}
