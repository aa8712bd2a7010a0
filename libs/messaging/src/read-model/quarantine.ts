import type { Model } from 'mongoose';
import { serialized } from './document-lock';
import { quarantinePath, versionPath } from './version-key';

/**
 * Marks every document built from `streamId` as waiting for a rebuild, with the reason.
 * Readers show such a document as stale instead of trusting it. Document by document, in
 * turn with the other writes to it (see document-lock).
 */
export async function quarantineStream<T>(
  model: Model<T>,
  streamId: string,
  reason: string,
): Promise<number> {
  const ids = await documentIds(model, versionPath(streamId));
  const change = { $set: { [quarantinePath(streamId)]: reason } } as never;
  for (const id of ids) await serialized(model, id, () => model.updateOne({ _id: id }, change));
  return ids.length;
}

/** Lifts the quarantine once the stream's events were applied again from the store. */
export async function releaseQuarantine<T>(model: Model<T>, streamId: string): Promise<void> {
  const path = quarantinePath(streamId);
  const change = { $unset: { [path]: 1 } } as never;
  for (const id of await documentIds(model, path)) {
    await serialized(model, id, () => model.updateOne({ _id: id }, change));
  }
}

async function documentIds<T>(model: Model<T>, path: string): Promise<string[]> {
  const documents = await model
    .find({ [path]: { $exists: true } } as never, { _id: 1 })
    .lean<{ _id: string }[]>();
  return documents.map((document) => document._id);
}
