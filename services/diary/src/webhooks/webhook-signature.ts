import { createHmac, randomBytes } from 'node:crypto';

/** `whsec_` and the base64 of 24 to 64 random bytes, as the Standard Webhooks spec writes it. */
export const WEBHOOK_SECRET_PATTERN = /^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/;

/** A fresh secret, for clients that want one made for them (tests, the demo). */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** The key a `whsec_` secret encodes. */
const keyOf = (secret: string) => Buffer.from(secret.slice('whsec_'.length), 'base64');

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * Standard Webhooks headers for one attempt: the message id (the same on every retry), the
 * attempt's time in Unix seconds, and `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` for each
 * valid secret, space-separated, so a receiver holding either secret of a rotation verifies.
 */
export function signWebhook(
  id: string,
  at: Date,
  body: string,
  secrets: readonly string[],
): SignedHeaders {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signatures = secrets.map(
    (secret) =>
      `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`,
  );
  return {
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': signatures.join(' '),
  };
}
