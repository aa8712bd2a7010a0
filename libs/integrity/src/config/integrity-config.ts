import { ConfigError, env, loadConfig } from '@ejournal/config';
import { z } from 'zod';
import { loadSigningKey, type CheckpointSigner } from '../checkpoints/signing-key';
import { IntegrityError } from '../errors';
import { keyNameProblem } from '../notes/key-name';
import { witnessesFrom, type Witness } from '../witness/witnessing';

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

export const integrityEnv = z.object({
  /** The log's permanent name in every checkpoint; the store's database name by default. */
  EJOURNAL_LOG_ID: z
    .string()
    .regex(/^\S{1,200}$/, 'must be one word')
    .refine(
      (id) => keyNameProblem(id) === null,
      'is the note key name of every checkpoint: no spaces, "+" or control characters',
    )
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
  /** Witnesses (c2sp.org/tlog-witness) each checkpoint is sent to: base URLs, comma-separated. */
  EJOURNAL_WITNESS_URLS: z.string().transform(list).optional(),
  /** Their cosignature/v1 verifier keys (`<name>+<hash>+<base64>`), in the same order. */
  EJOURNAL_WITNESS_KEYS: z.string().transform(list).optional(),
  /** How many cosignatures make a checkpoint witnessed; a majority of the witnesses by default. */
  EJOURNAL_WITNESS_QUORUM: z.coerce.number().int().nonnegative().optional(),
});

export interface IntegrityConfig {
  logId: string;
  signer: CheckpointSigner | null;
  checkpointIntervalMs: number;
  buildIntervalMs: number;
  checkpointFile: string | null;
  witnesses: Witness[];
  /** At least this many of `witnesses` cosign a checkpoint that counts as witnessed. */
  witnessQuorum: number;
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
  const logId = values.EJOURNAL_LOG_ID ?? defaultLogId;
  const problem = keyNameProblem(logId);
  if (problem) {
    throw new ConfigError([
      `EJOURNAL_LOG_ID: the log id ${JSON.stringify(logId)} (the database name when unset) is ` +
        `the checkpoints' origin and note key name, which ${problem}`,
    ]);
  }
  const witnesses = witnessSettings(values);
  const quorum = values.EJOURNAL_WITNESS_QUORUM ?? Math.floor(witnesses.length / 2) + 1;
  if (witnesses.length > 0 && quorum > witnesses.length) {
    throw new ConfigError([
      `EJOURNAL_WITNESS_QUORUM: ${quorum} cosignatures of ${witnesses.length} witnesses`,
    ]);
  }
  return {
    logId,
    signer,
    checkpointIntervalMs: values.EJOURNAL_CHECKPOINT_INTERVAL_MS,
    buildIntervalMs: values.EJOURNAL_LOG_BUILD_INTERVAL_MS,
    checkpointFile: values.EJOURNAL_CHECKPOINT_FILE ?? null,
    witnesses,
    witnessQuorum: witnesses.length === 0 ? 0 : quorum,
  };
}

function witnessSettings(values: z.infer<typeof integrityEnv>): Witness[] {
  const urls = values.EJOURNAL_WITNESS_URLS ?? [];
  const keys = values.EJOURNAL_WITNESS_KEYS ?? [];
  const problems: string[] = [];
  if (urls.length !== keys.length) {
    problems.push(
      `EJOURNAL_WITNESS_KEYS: ${keys.length} keys for ${urls.length} EJOURNAL_WITNESS_URLS`,
    );
  }
  urls.forEach((url) => {
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      problems.push(`EJOURNAL_WITNESS_URLS: ${url} is not an http(s) URL`);
    }
  });
  if (problems.length > 0) throw new ConfigError(problems);
  try {
    const witnesses = witnessesFrom(urls, keys);
    const notCosigning = witnesses.find((w) => w.key.type !== 0x04);
    if (notCosigning) throw new Error(`${notCosigning.key.name} is not a cosignature/v1 key`);
    return witnesses;
  } catch (error) {
    throw new ConfigError([`EJOURNAL_WITNESS_KEYS: ${(error as Error).message}`]);
  }
}
