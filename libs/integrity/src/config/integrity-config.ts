import { ConfigError, env, loadConfig } from '@ejournal/config';
import { z } from 'zod';
import { loadSigningKey, type CheckpointSigner } from '../checkpoints/signing-key';
import { IntegrityError } from '../errors';

export const integrityEnv = z.object({
  /** The log's permanent name in every checkpoint; the store's database name by default. */
  EJOURNAL_LOG_ID: z
    .string()
    .regex(/^\S{1,200}$/, 'must be one word')
    .optional(),
  /** PKCS #8 PEM or base64 of the 32-byte Ed25519 seed; no checkpoints without it. */
  EJOURNAL_CHECKPOINT_SIGNING_KEY: z.string().min(1).optional(),
  EJOURNAL_CHECKPOINT_KEY_ID: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'letters, digits and ._:- only, at most 64')
    .optional(),
  EJOURNAL_CHECKPOINT_INTERVAL_MS: env.milliseconds(60_000),
  EJOURNAL_LOG_BUILD_INTERVAL_MS: env.milliseconds(1_000),
  /** The append-only NDJSON file checkpoints are published to. */
  EJOURNAL_CHECKPOINT_FILE: z.string().min(1).optional(),
});

export interface IntegrityConfig {
  logId: string;
  signer: CheckpointSigner | null;
  checkpointIntervalMs: number;
  buildIntervalMs: number;
  checkpointFile: string | null;
}

/** Reads and checks the integrity settings at start-up; every problem names its variable. */
export function integrityConfig(
  defaultLogId: string,
  environment: Record<string, string | undefined> = process.env,
): IntegrityConfig {
  return integritySettings(loadConfig(integrityEnv, environment), defaultLogId);
}

/**
 * The settings from values a service already validated with {@link integrityEnv} as part of
 * its own configuration: the signing key is read here, and a bad one names its variable.
 */
export function integritySettings(
  values: z.infer<typeof integrityEnv>,
  defaultLogId: string,
): IntegrityConfig {
  let signer: CheckpointSigner | null = null;
  if (values.EJOURNAL_CHECKPOINT_SIGNING_KEY !== undefined) {
    try {
      signer = loadSigningKey(
        values.EJOURNAL_CHECKPOINT_SIGNING_KEY,
        values.EJOURNAL_CHECKPOINT_KEY_ID,
      );
    } catch (error) {
      if (!(error instanceof IntegrityError)) throw error;
      throw new ConfigError([`EJOURNAL_CHECKPOINT_SIGNING_KEY: ${error.message}`]);
    }
  }
  return {
    logId: values.EJOURNAL_LOG_ID ?? defaultLogId,
    signer,
    checkpointIntervalMs: values.EJOURNAL_CHECKPOINT_INTERVAL_MS,
    buildIntervalMs: values.EJOURNAL_LOG_BUILD_INTERVAL_MS,
    checkpointFile: values.EJOURNAL_CHECKPOINT_FILE ?? null,
  };
}
