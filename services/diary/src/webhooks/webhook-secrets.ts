import { seal, unseal } from '@ejournal/config';

const PREFIX = 'sealed:v1:';

/**
 * Endpoint secrets at rest: sealed with `DIARY_SECRETS_KEY` (AES-256-GCM, the endpoint's id
 * authenticated, so a secret copied to another endpoint's row does not open). Without the key
 * secrets are kept as they come, and rows written so (before the key was set) stay readable:
 * rotating an endpoint's secret seals it.
 */
export class WebhookSecrets {
  private readonly key: Buffer | null;

  constructor(keyBase64: string | undefined) {
    this.key = keyBase64 ? Buffer.from(keyBase64, 'base64') : null;
  }

  get sealing(): boolean {
    return this.key !== null;
  }

  toStored(endpointId: string, secret: string): string {
    if (!this.key) return secret;
    return PREFIX + seal(Buffer.from(secret, 'utf8'), this.key, endpointId).toString('base64');
  }

  fromStored(endpointId: string, stored: string): string {
    if (!stored.startsWith(PREFIX)) return stored;
    if (!this.key) {
      throw new Error(`endpoint ${endpointId}'s secret is sealed and DIARY_SECRETS_KEY is not set`);
    }
    const sealed = Buffer.from(stored.slice(PREFIX.length), 'base64');
    return unseal(sealed, this.key, endpointId).toString('utf8');
  }
}
