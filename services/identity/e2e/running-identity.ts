import { httpClient, startBuiltService, type RunningService } from '@ejournal/testing';
import { randomBytes } from 'node:crypto';

export type RunningIdentity = RunningService;
export type { Answer } from '@ejournal/testing';

/** The built identity service as a child process, with a fresh key-encryption key. */
export function startIdentity(env: Record<string, string>): Promise<RunningIdentity> {
  return startBuiltService('identity', {
    IDENTITY_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ...env,
  });
}

export const client = httpClient;
