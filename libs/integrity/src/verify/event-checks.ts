import { chainHash } from '@ejournal/contracts';
import { hashedIdentity, sameIdentity } from './hashed-identity';
import { problem, type Location, type Problem } from './problems';
import type { EventRecord } from './verification-input';

export const locate = (event: EventRecord, leafIndex: number | null = null): Location => ({
  streamId: event.streamId,
  streamVersion: event.streamVersion,
  globalPosition: event.position,
  leafIndex,
});

/** The event's own bytes against its hash and against the columns readers select by. */
export function checkOwnBytes(event: EventRecord & { canonical: Buffer }): Problem | null {
  const at = locate(event);
  if (event.hash === null) return problem('HASH_MISSING', at, 'appended without hashing');
  if (!chainHash(event.prevHash, event.canonical).equals(event.hash)) {
    return problem(
      'HASH_MISMATCH',
      at,
      `SHA-256(prevHash || bytes) is not ${event.hash.toString('hex')}`,
    );
  }
  return checkColumns(event, at);
}

const COLUMNS = ['eventId', 'streamId', 'streamVersion', 'type', 'recordedAt'] as const;

function checkColumns(event: EventRecord & { canonical: Buffer }, at: Location): Problem | null {
  if (sameIdentity(event.canonical, event)) return null;
  const hashed = hashedIdentity(event.canonical);
  for (const field of COLUMNS) {
    const inRow = event[field];
    const inBytes = hashed[field];
    const same =
      field === 'eventId' && typeof inBytes === 'string'
        ? inBytes.toLowerCase() === event.eventId.toLowerCase()
        : inBytes === inRow;
    if (!same) {
      return problem(
        'COLUMN_MISMATCH',
        at,
        `the row says ${field} ${JSON.stringify(inRow)}, its hashed bytes say ` +
          JSON.stringify(inBytes ?? null),
      );
    }
  }
  return null;
}
