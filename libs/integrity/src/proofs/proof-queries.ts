import type { Queryable } from '../db';
import { NotFoundError } from '../errors';

export interface LeafLocation {
  leafIndex: number;
  globalPosition: string;
  streamId: string;
  streamVersion: number;
  eventHash: Buffer;
}

/** Which event a proof is about: its id, or its global position. */
export type EventRef = { eventId: string } | { globalPosition: string };

const LEAF_COLUMNS = `l.leaf_index::text, l.global_position::text, l.stream_id, l.stream_version,
  l.event_hash`;

export async function findLeaf(db: Queryable, ref: EventRef): Promise<LeafLocation> {
  const byId = 'eventId' in ref;
  const { rows } = await db.query<{
    leaf_index: string;
    global_position: string;
    stream_id: string;
    stream_version: number;
    event_hash: Buffer;
  }>({
    text: byId
      ? `SELECT ${LEAF_COLUMNS} FROM event_store.events AS e
         JOIN event_store.merkle_leaves AS l ON l.global_position = e.global_position
         WHERE e.event_id = $1::uuid`
      : `SELECT ${LEAF_COLUMNS} FROM event_store.merkle_leaves AS l WHERE l.global_position = $1`,
    values: [byId ? ref.eventId : ref.globalPosition],
  });
  const row = rows[0];
  if (!row) throw new NotFoundError(`No logged event ${JSON.stringify(ref)}`);
  return {
    leafIndex: Number(row.leaf_index),
    globalPosition: row.global_position,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    eventHash: row.event_hash,
  };
}
