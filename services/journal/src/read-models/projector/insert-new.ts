import type { Identified } from '../documents/read-model';
import type { AnyReadModel } from '../documents/read-model-schemas';
import { atMost } from './at-most';

/** Documents per insert: FerretDB 1.x hung once on a bulk write of ~4,700. */
const CHUNK = 100;
const DUPLICATE_KEY = 11000;

/**
 * Inserts documents believed new, unordered, in chunks (a few at a time); answers the indexes
 * of those refused because a document with their `_id` is stored already. Lean: the batch's
 * documents have the schema's shape, as the rebuild's do.
 */
export async function insertNew(
  model: AnyReadModel,
  docs: readonly Identified[],
  atOnce: number,
): Promise<number[]> {
  const starts = [];
  for (let start = 0; start < docs.length; start += CHUNK) starts.push(start);
  const refused: number[] = [];
  await atMost(atOnce, starts, async (start) => {
    const chunk = docs.slice(start, start + CHUNK);
    for (const index of await insertChunk(model, chunk)) refused.push(start + index);
  });
  return refused;
}

async function insertChunk(model: AnyReadModel, docs: readonly Identified[]): Promise<number[]> {
  try {
    await model.insertUnordered(docs);
    return [];
  } catch (error) {
    const errors = (error as { writeErrors?: unknown }).writeErrors;
    const refused = [errors ?? []].flat() as { index: number; code?: number }[];
    if (refused.length === 0 || refused.some((each) => each.code !== DUPLICATE_KEY)) throw error;
    return refused.map((each) => each.index);
  }
}
