import type { SignedCheckpoint } from '../checkpoints/checkpoint-format';

/**
 * Somewhere outside the database a checkpoint is copied to, so that rows rewritten later can
 * be caught against it: a file an auditor keeps, a Kafka topic (`ejournal.archive.events.v1`,
 * added by the messaging lib). Publishing the same checkpoint twice must be harmless.
 */
export interface CheckpointPublisher {
  readonly name: string;
  publish(checkpoint: SignedCheckpoint): Promise<void>;
}
