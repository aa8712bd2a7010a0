import type { AuthRequest } from '@ejournal/auth';
import { canonicalize } from '@ejournal/contracts';
import type { IdempotencyKey } from '@ejournal/event-store';
import { idempotencyKeyOf } from '@ejournal/http';
import { createHash } from 'node:crypto';

/**
 * The request's `Idempotency-Key` scoped to the caller and the route, with a hash of the
 * canonical body (and query, when it has one): the same key and request is a retry, the same
 * key with another request a mistake. Null without a key (a route that requires one has
 * refused the request already, 428).
 */
export function idempotencyOf(request: AuthRequest): IdempotencyKey | null {
  const key = idempotencyKeyOf(request);
  if (key === undefined) return null;
  const [path = request.url, query] = request.url.split('?');
  // A file (a CSV roster) as its bytes; JSON in its canonical form.
  const body = Buffer.isBuffer(request.body) ? request.body.toString('base64') : request.body;
  return {
    caller: request.principal?.subject ?? 'anonymous',
    route: `${request.method} ${path}`,
    key,
    bodyHash: createHash('sha256')
      .update(canonicalize(query ? { body: body ?? null, query } : (body ?? null)))
      .digest('hex'),
  };
}
