import type { GlobalCheckpoint } from '@ejournal/event-store';

/**
 * Single-publisher coordination and the position it guards. While a replica holds the lease
 * no other one publishes, and the checkpoint is written only by the holder.
 */
export interface RelayLease {
  /** Resolves true once held, retrying while another replica holds it; false when aborted. */
  acquire(signal: AbortSignal): Promise<boolean>;
  /** False as soon as the lease is known to be lost. */
  readonly held: boolean;
  loadCheckpoint(): Promise<GlobalCheckpoint | null>;
  saveCheckpoint(checkpoint: GlobalCheckpoint): Promise<void>;
  /** Events recorded after `checkpoint`, counted up to `cap`, for the lag gauge. */
  countBehind(checkpoint: GlobalCheckpoint, cap: number): Promise<number>;
  release(): Promise<void>;
}
