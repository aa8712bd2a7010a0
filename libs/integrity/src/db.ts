import type { QueryConfig, QueryResult, QueryResultRow } from 'pg';

/** A pool, or a client inside a caller's transaction. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(
    config: QueryConfig | string,
    values?: unknown[],
  ): Promise<QueryResult<R>>;
}

/** A place in the store's safe global order, as the event store's readers keep it. */
export interface OrderKey {
  txId: string;
  position: string;
}

const compareDecimal = (a: string, b: string) =>
  a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** Orders two places of the safe global order: transaction id, then global position. */
export function compareOrder(a: OrderKey, b: OrderKey): number {
  return compareDecimal(a.txId, b.txId) || compareDecimal(a.position, b.position);
}

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}
