import { z } from 'zod';

/**
 * Disposal after retention, carried out for the archive: who may ask, and the login that
 * holds the store's disposal role.
 */
export const journalDisposalEnv = {
  /** Service accounts (token subjects) allowed to execute approved disposal acts. */
  DISPOSAL_CALLERS: z
    .string()
    .default('service:archive')
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  /**
   * A login that is a member of `${db}_disposal`. Unset: the journal keeps one of its own,
   * `${db}_disposer`, created with the migrating user of DATABASE_URL (and
   * DATABASE_APP_PASSWORD as its password when set).
   */
  DISPOSAL_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//)
    .optional(),
};
