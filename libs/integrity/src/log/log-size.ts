import type { Queryable } from '../db';
import { logHeadQuery, toLogHead, type LogHeadRow } from './log-queries';
import { loadFrontier } from './node-store';

/** How many leaves the stored log has. */
export async function logSize(db: Queryable): Promise<number> {
  return toLogHead((await db.query<LogHeadRow>(logHeadQuery)).rows[0]).size;
}

/** The stored log's root at `size` leaves, from at most 64 stored subtrees. */
export async function logRoot(db: Queryable, size: number): Promise<Buffer> {
  return (await loadFrontier(db, size)).root();
}
