import type { Model } from 'mongoose';

const tails = new Map<string, Promise<unknown>>();

/**
 * Runs writes to one read model document one after another within this process. FerretDB 1.x
 * applies an update by reading the document, changing it in the proxy and writing it back,
 * with no compare-and-swap: two concurrent updates of one document lose one of them, version
 * check included (README, "FerretDB 1.x"). MongoDB applies each update atomically and does not
 * need this; it costs nothing there.
 */
export async function serialized<T, R>(
  model: Model<T>,
  documentId: string,
  write: () => Promise<R>,
): Promise<R> {
  const key = `${model.db.name}/${model.collection.collectionName}/${documentId}`;
  const current = (tails.get(key) ?? Promise.resolve()).then(write);
  const tail = current.catch(() => undefined);
  tails.set(key, tail);
  try {
    return await current;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
  }
}
