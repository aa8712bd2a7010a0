import { IntegrityCheckpointV1, type IntegrityCheckpoint } from '@ejournal/contracts';
import { readKeyringFile, type PublicKeyEntry } from '@ejournal/integrity';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { ArchiveConfig } from '../config';
import { APP_POOL, ARCHIVE_CONFIG } from '../infrastructure/tokens';
import { CheckpointRows } from './checkpoint-store';
import { IntegrityAlarm } from './integrity-alarm';
import { judgeCheckpoint, type KeyTrust, type Verdict } from './judge-checkpoint';

export type Received = Verdict | { verdict: 'duplicate' };

/**
 * Keeps every checkpoint a store publishes, after checking it against the archive's own copy
 * of the log's previous one; a failure is kept too, and raises the alarm.
 */
@Injectable()
export class CheckpointKeeper {
  private trustedKeys: Promise<PublicKeyEntry[] | null> | null = null;

  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(ARCHIVE_CONFIG) private readonly config: ArchiveConfig,
    private readonly alarm: IntegrityAlarm,
  ) {}

  /** One message of the checkpoints topic, as received. */
  async receive(message: string): Promise<Received> {
    const parsed = parseMessage(message);
    if (!parsed.success) {
      const problem = `Not a checkpoint message: ${parsed.error}`;
      this.alarm.raise({
        code: 'INTEGRITY.MALFORMED_CHECKPOINT',
        logId: null,
        checkpointId: null,
        problem,
      });
      return { verdict: 'failed', code: 'INTEGRITY.MALFORMED_CHECKPOINT', problem };
    }
    const checkpoint = parsed.data;
    const received = await this.keep(checkpoint, message);
    if (received.verdict === 'failed') {
      const { logId, checkpointId } = checkpoint;
      this.alarm.raise({ code: received.code, logId, checkpointId, problem: received.problem });
    }
    return received;
  }

  private async keep(checkpoint: IntegrityCheckpoint, message: string): Promise<Received> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const rows = new CheckpointRows(client);
      await rows.lockLog(checkpoint.logId);
      const received = await this.judge(rows, checkpoint, message);
      await client.query('COMMIT');
      return received;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async judge(
    rows: CheckpointRows,
    checkpoint: IntegrityCheckpoint,
    message: string,
  ): Promise<Received> {
    const { logId, checkpointId, keyId } = checkpoint;
    const stored = await rows.stored(logId, checkpointId);
    if (stored !== null) {
      if (sameCheckpoint(stored, checkpoint)) return { verdict: 'duplicate' };
      await rows.insertConflict(logId, checkpointId, message);
      return {
        verdict: 'failed',
        code: 'INTEGRITY.CHECKPOINT_CHANGED',
        problem: `Checkpoint ${checkpointId} was received before with other content`,
      };
    }
    const trust = await this.trustOf(rows, logId, keyId);
    const verdict = judgeCheckpoint(checkpoint, await rows.lastGood(logId), trust);
    await rows.insert(checkpoint, message, verdict);
    return verdict;
  }

  private async trustOf(rows: CheckpointRows, logId: string, keyId: string): Promise<KeyTrust> {
    const listed = await this.listedKeys();
    if (listed) {
      const entry = listed.find((key) => key.keyId === keyId);
      return entry
        ? { kind: 'trusted', publicKey: Buffer.from(entry.publicKey, 'base64') }
        : { kind: 'unlisted' };
    }
    const pinned = await rows.pinnedKey(logId, keyId);
    return pinned ? { kind: 'trusted', publicKey: pinned } : { kind: 'first-use' };
  }

  private listedKeys(): Promise<PublicKeyEntry[] | null> {
    const files = this.config.TRUSTED_CHECKPOINT_KEYS;
    this.trustedKeys ??= files
      ? Promise.all(files.split(',').map((file) => readKeyringFile(file.trim()))).then((all) =>
          all.flat(),
        )
      : Promise.resolve(null);
    return this.trustedKeys;
  }
}

function parseMessage(message: string) {
  try {
    return IntegrityCheckpointV1.safeParse(JSON.parse(message));
  } catch (error) {
    return { success: false as const, error: (error as Error).message };
  }
}

/** A republished checkpoint (a new lease holder offers the latest again) is the same one. */
function sameCheckpoint(stored: string, checkpoint: IntegrityCheckpoint): boolean {
  const earlier = IntegrityCheckpointV1.safeParse(JSON.parse(stored));
  if (!earlier.success) return false;
  const fields = ['treeSize', 'rootHash', 'signedAt', 'keyId', 'signature'] as const;
  return fields.every((field) => earlier.data[field] === checkpoint[field]);
}
