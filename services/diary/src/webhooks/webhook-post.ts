import type { LookupAddress, LookupOptions } from 'node:dns';
import { Agent as HttpAgent, request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** A `lookup` answering only the addresses judged allowed, whatever the name resolves to now. */
const pinnedTo =
  (addresses: readonly string[]) =>
  (_hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    const all = addresses.map((address) => ({ address, family: isIP(address) }));
    if (options.all) return callback(null, all);
    const first = all[0] as LookupAddress;
    callback(null, first.address, first.family);
  };

/**
 * The sender's HTTP client: `node:http(s)` on keep-alive agents, one connection per request in
 * flight, reused by the next. It connects only to the addresses `WebhookTargets` judged (no
 * second resolution between the check and the connection), follows no redirect and answers the
 * status once the headers arrive (the body is discarded). Node's `fetch` cost about three times
 * the CPU per request, which capped a busy endpoint's deliveries under the diary bench.
 */
export class WebhookPost {
  private readonly http = new HttpAgent({ keepAlive: true });
  private readonly https = new HttpsAgent({ keepAlive: true });

  send(
    url: string,
    addresses: readonly string[],
    headers: OutgoingHttpHeaders,
    body: string,
    signal: AbortSignal,
  ): Promise<number> {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    return new Promise<number>((resolve, reject) => {
      const request = (secure ? httpsRequest : httpRequest)(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          agent: secure ? this.https : this.http,
          lookup: pinnedTo(addresses),
          signal,
        },
        (response) => {
          resolve(response.statusCode ?? 0);
          response.on('error', () => undefined).resume();
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}
