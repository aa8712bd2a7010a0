import type { Model, UpdateQuery } from 'mongoose';
import { ReadModelGapError } from '../errors';
import { serialized } from './document-lock';
import { versionPath } from './version-key';

export interface SourceEvent {
  streamId: string;
  streamVersion: number;
}

export type ApplyResult = 'applied' | 'duplicate';

export interface ApplyOnceOptions {
  /**
   * `contiguous` (default): the document folds every event of the stream, so version v
   * applies only on v - 1 and a gap is an error. `monotonic`: it folds some events of the
   * stream, so v applies on anything older.
   */
  order?: 'contiguous' | 'monotonic';
}

const DUPLICATE_KEY = 11000;

/**
 * Applies `update` to one document once per (streamId, streamVersion): the version check and
 * the change are one `updateOne`, so replaying an event, or the whole stream, changes nothing.
 * A first event creates the document (upsert).
 */
export function applyOnce<T>(
  model: Model<T>,
  documentId: string,
  event: SourceEvent,
  update: UpdateQuery<T>,
  options: ApplyOnceOptions = {},
): Promise<ApplyResult> {
  return serialized(model, documentId, () => apply(model, documentId, event, update, options));
}

async function apply<T>(
  model: Model<T>,
  documentId: string,
  event: SourceEvent,
  update: UpdateQuery<T>,
  options: ApplyOnceOptions,
): Promise<ApplyResult> {
  const path = versionPath(event.streamId);
  const version = event.streamVersion;
  const contiguous = (options.order ?? 'contiguous') === 'contiguous';
  const change = { ...update, $set: { ...update.$set, [path]: version } } as UpdateQuery<T>;
  const filter = (condition: unknown) => ({ _id: documentId, [path]: condition }) as never;

  if (version > 1) {
    const expected = contiguous ? version - 1 : { $lt: version };
    const result = await model.updateOne(filter(expected), change);
    if (result.matchedCount === 1) return 'applied';
    if (contiguous) return duplicateOrGap(model, documentId, event, path);
  }
  // The stream's first event for this document: create the document or add the stream.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const result = await model.updateOne(filter({ $exists: false }), change, {
        upsert: attempt === 0,
      });
      if (result.matchedCount + result.upsertedCount === 1) return 'applied';
    } catch (error) {
      // Another event created the document meanwhile: look again once.
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
    }
  }
  return duplicateOrGap(model, documentId, event, path);
}

async function duplicateOrGap<T>(
  model: Model<T>,
  documentId: string,
  event: SourceEvent,
  path: string,
): Promise<ApplyResult> {
  const stored = await model.findById(documentId, { [path]: 1 }).lean<Record<string, unknown>>();
  const versions = (stored?.['versions'] ?? {}) as Record<string, number>;
  const applied = Object.values(versions)[0] ?? 0;
  if (applied >= event.streamVersion) return 'duplicate';
  throw new ReadModelGapError(documentId, event.streamId, event.streamVersion, applied);
}
