/**
 * `ejournal-stream-export/1`: chosen streams of a store, each event with its exact hashed bytes,
 * hash and leaf index, and one batch inclusion proof of all of them in one signed checkpoint,
 * with the public keys. NDJSON, in this order:
 *
 * - `header`: format, source, exportedAt, selection;
 * - `key` lines (every key that ever signed, as `keys.json` lists them) and one `checkpoint`;
 * - `disposal` lines: tombstones of the chosen streams that were disposed of;
 * - `event` lines in the store's global order (each stream's in version order): streamId, streamVersion, position,
 *   eventId, type, recordedAt, leafIndex, canonical (base64, null once disposed), hash (hex);
 * - `proof`: checkpointId, treeSize, nodes (hex): the hashes of the ranges of the log that hold
 *   no exported event ({@link multiproofRanges}), left to right;
 * - `end`: how many events and streams, so a truncated file is noticed.
 *
 * Only events the checkpoint covers are exported; later ones wait for the next checkpoint.
 */
export const STREAM_EXPORT_FORMAT = 'ejournal-stream-export/1';

/** What to export: chosen streams, one category (`journal`), or everything. */
export interface StreamSelection {
  streams?: readonly string[];
  category?: string;
}
