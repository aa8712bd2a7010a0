import type { DocumentUpdate } from '../projection/project';

export interface VersionedUpdate {
  update: DocumentUpdate;
  /** The stream version of the event that made the change. */
  version: number;
}

export interface MergedUpdate {
  $set: Record<string, unknown>;
  $push?: Record<string, { $each: unknown[] }>;
  $addToSet?: Record<string, unknown>;
}

/**
 * One update with the effect of several applied in order: `$set`s laid over each other (the
 * projection sets whole fields), `$push`es appended together, `$addToSet`s of distinct values.
 */
export function mergeChanges(changes: readonly VersionedUpdate[]): MergedUpdate {
  const $set: Record<string, unknown> = {};
  const pushed = new Map<string, unknown[]>();
  const added = new Map<string, unknown[]>();
  for (const { update } of changes) {
    Object.assign($set, update.$set);
    for (const [field, value] of Object.entries(update.$push ?? {})) {
      const values = pushed.get(field) ?? [];
      values.push(value);
      pushed.set(field, values);
    }
    for (const [field, value] of Object.entries(update.$addToSet ?? {})) {
      const values = added.get(field) ?? [];
      if (!values.includes(value)) added.set(field, [...values, value]);
    }
  }
  const merged: MergedUpdate = { $set };
  if (pushed.size > 0) {
    merged.$push = Object.fromEntries([...pushed].map(([field, each]) => [field, { $each: each }]));
  }
  if (added.size > 0) {
    merged.$addToSet = Object.fromEntries(
      [...added].map(([field, values]) => [
        field,
        values.length === 1 ? values[0] : { $each: values },
      ]),
    );
  }
  return merged;
}
