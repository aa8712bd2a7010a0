import { EventIdConflictError } from '../errors';

export interface StoredEventId {
  eventId: string;
  streamId: string;
  streamVersion: number;
  globalPosition: string;
}

export type StoredIdsVerdict =
  | { kind: 'none' }
  | { kind: 'duplicate'; firstVersion: number; lastVersion: number; positions: string[] };

/**
 * What the already stored events with an append's ids say about it. None: the append is new.
 * All of them, in this stream, in the same consecutive order: it is a retry of one earlier
 * append, answered with that append's positions. Anything else is an error, never a partial
 * write.
 */
export function judgeStoredIds(
  streamId: string,
  requestedIds: string[],
  stored: StoredEventId[],
): StoredIdsVerdict {
  if (stored.length === 0) return { kind: 'none' };
  const byId = new Map(stored.map((row) => [row.eventId.toLowerCase(), row]));
  const matched = requestedIds.map((id) => byId.get(id.toLowerCase()));
  const missing = requestedIds.filter((_id, index) => !matched[index]);
  if (missing.length > 0) {
    const present = requestedIds.filter((_id, index) => matched[index]);
    throw new EventIdConflictError(streamId, present, `${missing.length} of the ids are new`);
  }
  const rows = matched as StoredEventId[];
  const elsewhere = rows.filter((row) => row.streamId !== streamId);
  const [stranger] = elsewhere;
  if (stranger) {
    const ids = elsewhere.map((row) => row.eventId);
    throw new EventIdConflictError(streamId, ids, `stored in stream ${stranger.streamId}`);
  }
  const firstVersion = stored.reduce((min, row) => Math.min(min, row.streamVersion), Infinity);
  const consecutive = rows.every((row, index) => row.streamVersion === firstVersion + index);
  if (!consecutive) {
    throw new EventIdConflictError(streamId, requestedIds, 'stored in another order');
  }
  return {
    kind: 'duplicate',
    firstVersion,
    lastVersion: firstVersion + rows.length - 1,
    positions: rows.map((row) => row.globalPosition),
  };
}
