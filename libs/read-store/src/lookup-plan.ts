import type { mongo } from 'mongoose';

/** What the server says it does for a find: its plan's nodes and the indexes they use. */
export interface LookupPlan {
  /** PostgreSQL node types under FerretDB (`Bitmap Index Scan`, `Seq Scan`), stages on MongoDB. */
  nodes: string[];
  indexes: string[];
  /** No node reads the whole collection (`Seq Scan`, `COLLSCAN`). */
  indexed: boolean;
  /** The server's explain answer, as it came. */
  raw: unknown;
}

type Node = Record<string, unknown>;

/**
 * `explain` of a find: FerretDB 1.x answers PostgreSQL's plan of the query it runs
 * (`queryPlanner.Plan`), MongoDB its winning plan (`queryPlanner.winningPlan`).
 */
export async function lookupPlan(
  db: mongo.Db,
  collection: string,
  filter: Record<string, unknown>,
): Promise<LookupPlan> {
  const raw = (await db.collection(collection).find(filter).explain()) as {
    queryPlanner?: { Plan?: Node; winningPlan?: Node };
  };
  const nodes: string[] = [];
  const indexes: string[] = [];
  const visit = (node: Node | undefined) => {
    if (!node) return;
    const type = node['Node Type'] ?? node['stage'];
    if (typeof type === 'string') nodes.push(type);
    const index = node['Index Name'] ?? node['indexName'];
    if (typeof index === 'string') indexes.push(index);
    for (const child of [node['Plans'], node['inputStages']].flat()) visit(child as Node);
    visit((node['inputStage'] ?? node['queryPlan']) as Node | undefined);
  };
  visit(raw.queryPlanner?.Plan ?? raw.queryPlanner?.winningPlan);
  const scans = nodes.filter((node) => node === 'Seq Scan' || node === 'COLLSCAN');
  return { nodes, indexes, indexed: nodes.length > 0 && scans.length === 0, raw };
}
