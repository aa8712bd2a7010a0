import { createHash } from 'node:crypto';

/**
 * The id of the notification of one event for one recipient: a UUID (version 8, RFC 9562's
 * custom layout) from SHA-256 of both, so a redelivered or replayed event yields the same id
 * and the outbox keeps one row.
 */
export function notificationId(eventId: string, recipientId: string): string {
  const bytes = createHash('sha256').update(`${eventId}|${recipientId}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
