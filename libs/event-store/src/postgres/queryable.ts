import type { ClientBase, Pool } from 'pg';

/** A pool for the store's own statements, or a client inside a caller's transaction. */
export type Queryable = Pool | ClientBase;
