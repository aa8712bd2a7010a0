import { InvalidEventStoreArgumentError } from './errors';

const MAX_STREAM_ID_LENGTH = 256;

/**
 * The category a stream belongs to, which is also its retention class: the part before the
 * first `-` (`journal` for `journal-42`, `summary` for `summary-s1-2026-c7`), as EventStoreDB's
 * `$by_category` projection reads it. A stream id without `-` is its own category.
 */
export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
}

export function assertStreamId(streamId: string): void {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new InvalidEventStoreArgumentError('A stream id must be a non-empty string');
  }
  if (streamId.length > MAX_STREAM_ID_LENGTH || streamId.includes('\u0000')) {
    throw new InvalidEventStoreArgumentError(
      `A stream id must be at most ${MAX_STREAM_ID_LENGTH} characters without NUL`,
    );
  }
  if (streamId.startsWith('-') || streamId.startsWith('$')) {
    throw new InvalidEventStoreArgumentError(
      `Stream id ${streamId} must start with its category (\`$\` streams are EventStoreDB's own)`,
    );
  }
}
