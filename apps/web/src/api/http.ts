import { problemOf, ProblemError } from './problems';
import { refresh, storedTokens } from './session';

export type Service = 'identity' | 'journal' | 'diary' | 'archive';

export interface CallOptions {
  json?: unknown;
  body?: BodyInit;
  contentType?: string;
  /** The command's Idempotency-Key: the same one on every retry of one intent. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** Raised when the request never reached the server (offline, connection refused). */
export class NetworkError extends Error {}

/** Called when the session is over (refresh refused): the application shows sign-in. */
let onSignedOut: () => void = () => undefined;
export const whenSignedOut = (callback: () => void) => (onSignedOut = callback);

async function send(service: Service, method: string, path: string, options: CallOptions) {
  const headers: Record<string, string> = {};
  const tokens = storedTokens();
  if (tokens) headers['authorization'] = `Bearer ${tokens.accessToken}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.contentType) headers['content-type'] = options.contentType;
  try {
    return await fetch(`/api/${service}${path}`, {
      method,
      headers,
      body: body ?? null,
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new NetworkError(String(error));
  }
}

/**
 * One call to a service through the web server's proxy. A 401 rotates the session once and
 * retries; a refusal throws a ProblemError with the service's problem details.
 */
export async function call<T>(
  service: Service,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<T> {
  let response = await send(service, method, path, options);
  if (response.status === 401 && storedTokens()) {
    const renewed = await refresh().catch(() => null);
    if (!renewed) {
      onSignedOut();
      throw new ProblemError(await problemOf(response));
    }
    response = await send(service, method, path, options);
  }
  if (!response.ok) throw new ProblemError(await problemOf(response));
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

/** A fresh Idempotency-Key (8–128 of letters, digits, `._:-`): a UUID. */
export const newKey = () => crypto.randomUUID();
