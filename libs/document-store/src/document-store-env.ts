import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { S3Client } from '@aws-sdk/client-s3';
import { ConfigError, env, loadConfig } from '@ejournal/config';
import { z } from 'zod';
import type { DocumentStore } from './document-store.port';
import { FilesystemDocumentStore } from './filesystem/filesystem-document-store';
import { S3DocumentStore } from './s3/s3-document-store';

/** What a service's configuration spreads in (`...documentStoreEnv`) to store documents. */
export const documentStoreEnv = {
  /** `filesystem` (the default, one machine) or `s3` (object lock, production). */
  DOCUMENT_STORE: z.enum(['filesystem', 's3']).default('filesystem'),
  /** The filesystem store's root (created if missing). */
  DOCUMENT_STORE_DIR: z.string().min(1).default('.infra/documents'),
  /** An S3-compatible endpoint; unset means AWS S3 itself. */
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  /** A bucket created with object lock enabled (required with DOCUMENT_STORE=s3). */
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)
    .optional(),
  /** Key prefix inside the bucket, e.g. `archive/`. */
  S3_PREFIX: z.string().default(''),
  /** Unset: the SDK's default chain (environment, web identity in Kubernetes, instance role). */
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_LOCK_MODE: z.enum(['COMPLIANCE', 'GOVERNANCE']).default('COMPLIANCE'),
  /** Path-style URLs (bucket in the path), as most S3-compatible servers want. */
  S3_FORCE_PATH_STYLE: env.flag('true'),
  /** Local set-ups only: create the bucket (with object lock) at start-up if it is missing. */
  S3_CREATE_BUCKET: env.flag('false'),
};
const documentStoreSchema = z.object(documentStoreEnv);
export type DocumentStoreConfig = z.infer<typeof documentStoreSchema>;

/**
 * The configured store: from a service's parsed configuration, or from the process environment.
 * Nothing is touched yet; `openDocumentStore` is the start-up variant that checks.
 */
export function documentStoreFromEnv(
  config: DocumentStoreConfig = loadConfig(documentStoreSchema),
): DocumentStore {
  if (config.DOCUMENT_STORE === 'filesystem') {
    return new FilesystemDocumentStore(config.DOCUMENT_STORE_DIR);
  }
  if (!config.S3_BUCKET) throw new ConfigError(['S3_BUCKET: is required when DOCUMENT_STORE=s3']);
  if (!config.S3_ACCESS_KEY_ID !== !config.S3_SECRET_ACCESS_KEY) {
    throw new ConfigError(['S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both or neither']);
  }
  return new S3DocumentStore({
    client: s3ClientFromEnv(config),
    bucket: config.S3_BUCKET,
    lockMode: config.S3_LOCK_MODE,
    prefix: config.S3_PREFIX,
  });
}

/**
 * The configured store, checked at start-up: the filesystem store's root created and writable;
 * the S3 bucket's object lock enabled (`DOCUMENT_STORE.MISCONFIGURED` otherwise), the bucket
 * created first with `S3_CREATE_BUCKET=true`.
 */
export async function openDocumentStore(
  config: DocumentStoreConfig = loadConfig(documentStoreSchema),
): Promise<DocumentStore> {
  const store = documentStoreFromEnv(config);
  if (store instanceof FilesystemDocumentStore) {
    await mkdir(store.rootDir, { recursive: true });
    await access(store.rootDir, constants.W_OK);
  } else if (store instanceof S3DocumentStore) {
    await (config.S3_CREATE_BUCKET ? store.ensureLockedBucket() : store.assertObjectLock());
  }
  return store;
}

export function s3ClientFromEnv(config: DocumentStoreConfig): S3Client {
  return new S3Client({
    region: config.S3_REGION,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    ...(config.S3_ENDPOINT && { endpoint: config.S3_ENDPOINT }),
    ...(config.S3_ACCESS_KEY_ID &&
      config.S3_SECRET_ACCESS_KEY && {
        credentials: {
          accessKeyId: config.S3_ACCESS_KEY_ID,
          secretAccessKey: config.S3_SECRET_ACCESS_KEY,
        },
      }),
  });
}
