import { ConflictProblem, NotFoundProblem } from '@ejournal/http';
import { Pool } from 'pg';

/** What the store keeps of a disposed stream, as the archive records it. */
export interface Tombstone {
  streamId: string;
  actReference: string;
  disposedBy: string;
  executedBy: string;
  disposedAt: string;
  eventCount: number;
  lastVersion: number;
  lastHash: string | null;
}

interface TombstoneRow {
  stream_id: string;
  act_reference: string;
  disposed_by: string;
  executed_by: string;
  disposed_at: Date;
  event_count: number;
  last_version: number;
  last_hash: Buffer | null;
}

const TOMBSTONE = `SELECT stream_id, act_reference, disposed_by, executed_by, disposed_at,
  event_count, last_version, last_hash FROM event_store.disposals WHERE stream_id = $1`;

/**
 * Disposes of one stream under an approved act through the store's `dispose_stream`, as the
 * disposal login (never the application role). Idempotent per act: the same act asking again
 * gets the tombstone it left; another act is refused, and so is a stream the store never held.
 */
export class StreamDisposal {
  private pool: Promise<Pool> | null = null;

  /** `connect` opens the disposal login's pool, on first use (most replicas never dispose). */
  constructor(private readonly connect: () => Promise<Pool>) {}

  async dispose(
    streamId: string,
    actReference: string,
    disposedBy: string,
  ): Promise<{ tombstone: Tombstone; repeated: boolean }> {
    const earlier = await this.tombstone(streamId);
    if (earlier) return { tombstone: this.sameAct(earlier, actReference), repeated: true };
    try {
      const { rows } = await (
        await this.disposer()
      ).query<TombstoneRow>('SELECT * FROM event_store.dispose_stream($1, $2, $3)', [
        streamId,
        actReference,
        disposedBy,
      ]);
      return { tombstone: tombstoneOf(rows[0] as TombstoneRow), repeated: false };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'P0002') {
        throw new NotFoundProblem('JOURNAL.STREAM_NOT_FOUND', `The store holds no ${streamId}`);
      }
      // Another replica disposed of it meanwhile: answer as a repeat if it was this act.
      const raced = code === '23505' ? await this.tombstone(streamId) : null;
      if (raced) return { tombstone: this.sameAct(raced, actReference), repeated: true };
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const pool = await this.pool?.catch(() => null);
    await pool?.end();
  }

  private disposer(): Promise<Pool> {
    this.pool ??= this.connect().catch((error: unknown) => {
      this.pool = null;
      throw error;
    });
    return this.pool;
  }

  private async tombstone(streamId: string): Promise<Tombstone | null> {
    const { rows } = await (await this.disposer()).query<TombstoneRow>(TOMBSTONE, [streamId]);
    return rows[0] ? tombstoneOf(rows[0]) : null;
  }

  private sameAct(tombstone: Tombstone, actReference: string): Tombstone {
    if (tombstone.actReference === actReference) return tombstone;
    throw new ConflictProblem(
      'JOURNAL.STREAM_ALREADY_DISPOSED',
      `${tombstone.streamId} was disposed of under act ${tombstone.actReference}`,
    );
  }
}

const tombstoneOf = (row: TombstoneRow): Tombstone => ({
  streamId: row.stream_id,
  actReference: row.act_reference,
  disposedBy: row.disposed_by,
  executedBy: row.executed_by,
  disposedAt: row.disposed_at.toISOString(),
  eventCount: row.event_count,
  lastVersion: row.last_version,
  lastHash: row.last_hash?.toString('hex') ?? null,
});
