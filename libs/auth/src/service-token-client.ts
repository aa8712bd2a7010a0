import { z } from 'zod';

export interface ServiceTokenClientOptions {
  /** Identity's token endpoint, e.g. `http://identity:3101/auth/token`. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Fetch a new token this long before the current one expires. */
  renewBeforeSeconds?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.literal('Bearer'),
  expires_in: z.number().positive(),
});

/**
 * A service account's access token for calls to other services (OAuth 2 client credentials):
 * fetched on first use, reused until shortly before it expires, one request in flight.
 */
export class ServiceTokenClient {
  private cached: { token: string; renewAt: number } | null = null;
  private inFlight: Promise<string> | null = null;

  constructor(private readonly options: ServiceTokenClientOptions) {}

  async authorization(): Promise<string> {
    return `Bearer ${await this.token()}`;
  }

  async token(): Promise<string> {
    const now = (this.options.now ?? Date.now)();
    if (this.cached && now < this.cached.renewAt) return this.cached.token;
    this.inFlight ??= this.fetchToken(now).finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async fetchToken(now: number): Promise<string> {
    const { tokenUrl, clientId, clientSecret, renewBeforeSeconds = 60 } = this.options;
    const response = await (this.options.fetch ?? fetch)(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      }),
    });
    if (!response.ok) throw new Error(`Token endpoint answered ${response.status} for ${clientId}`);
    const body = tokenResponse.parse(await response.json());
    const lifetimeMs = Math.max(0, body.expires_in - renewBeforeSeconds) * 1000;
    this.cached = { token: body.access_token, renewAt: now + lifetimeMs };
    return body.access_token;
  }
}
