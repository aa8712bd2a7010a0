/**
 * A stream id as a document field name. MongoDB, and FerretDB strictly, refuse `.` in field
 * names and a leading `$`; stream ids may contain `.` (`journal-2026.7b`). `%`, `.` and `$`
 * are percent-encoded, so the key is unique and reversible.
 */
export function versionKey(streamId: string): string {
  return streamId.replace(/[%.$]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The path of a stream's last applied version inside a read model document. */
export const versionPath = (streamId: string) => `versions.${versionKey(streamId)}`;

/** The path of a stream's quarantine reason inside a read model document. */
export const quarantinePath = (streamId: string) => `quarantine.${versionKey(streamId)}`;

/**
 * Fields every idempotent read model declares in its mongoose schema: the last applied version
 * per source stream, and the streams whose dead-lettered events it waits to be rebuilt from.
 */
export const readModelFields = {
  versions: { type: Map, of: Number },
  quarantine: { type: Map, of: String },
};
