import type { AuthRequest } from '@ejournal/auth';
import { canonicalize } from '@ejournal/contracts';
import type { IdempotencyKey } from '@ejournal/event-store';
import { ValidationProblem } from '@ejournal/http';
import { createHash } from 'node:crypto';

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/** An `Idempotency-Key` scoped to the caller and the route, with a hash of the body. */
export function idempotencyOf(request: AuthRequest): IdempotencyKey | null {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return null;
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
    throw new ValidationProblem(
      'JOURNAL.INVALID_IDEMPOTENCY_KEY',
      'Idempotency-Key must be 8–128 letters, digits or . _ : - (a UUID is a good choice)',
    );
  }
  const path = request.url.split('?')[0] ?? request.url;
  return {
    caller: request.principal?.subject ?? 'anonymous',
    route: `${request.method} ${path}`,
    key,
    bodyHash: createHash('sha256')
      .update(canonicalize(request.body ?? null))
      .digest('hex'),
  };
}
