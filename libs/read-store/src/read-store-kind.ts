import type { mongo } from 'mongoose';

type Db = mongo.Db;

/** Which server answers the MongoDB API: FerretDB 1.x indexes differently from MongoDB. */
export type ReadStoreKind =
  { kind: 'ferretdb'; version: string } | { kind: 'mongodb'; version: string };

/** FerretDB adds `ferretdbVersion` to `buildInfo`; MongoDB and Percona Server do not. */
export async function readStoreKind(db: Db): Promise<ReadStoreKind> {
  const info = (await db.admin().command({ buildInfo: 1 })) as {
    version?: string;
    ferretdbVersion?: string;
  };
  if (typeof info.ferretdbVersion === 'string') {
    return { kind: 'ferretdb', version: info.ferretdbVersion };
  }
  return { kind: 'mongodb', version: String(info.version ?? 'unknown') };
}
