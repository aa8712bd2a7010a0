import { env } from '@ejournal/config';
import { z } from 'zod';

const { integer: int, flag } = env;

/** The year-end documents' and signatures' settings (spread into `archiveConfigSchema`). */
export const documentsEnv = {
  /** The documents' consumer and the generation worker. */
  DOCUMENTS_ENABLED: flag('true'),
  DOCUMENTS_CONSUMER_GROUP: z.string().min(1).default('archive.documents'),
  /** Jobs one process runs at once (PDF rendering is CPU-bound: about one per core). */
  DOCUMENTS_CONCURRENCY: int(1, 1, 16),
  DOCUMENTS_POLL_MS: int(500, 10, 60_000),
  /** A claimed job returns to the queue after this long if its runner died. */
  DOCUMENTS_LEASE_SECONDS: int(120, 5, 3600),
  DOCUMENTS_MAX_ATTEMPTS: int(8, 1, 100),
  /** Identity, for names at print time (`POST /people/batch` with the service account). */
  IDENTITY_URL: z.url().default('http://127.0.0.1:3101'),
  /**
   * The software signer's keys: `<personId>.key.pem` + `<personId>.cert.pem`, `default.*` for
   * anyone else (local use only). Unset: signing answers 503 `ARCHIVE.SIGNING_UNAVAILABLE`.
   */
  SIGNING_KEYS_DIR: z.string().min(1).optional(),
  /** PEM files of the CAs whose certificates verification trusts, comma-separated. */
  SIGNING_TRUST_ANCHORS: z.string().min(1).optional(),
  /** An RFC 3161 time-stamp authority: each signature gets its token (CAdES-T). */
  SIGNING_TSA_URL: z.url().optional(),
};
