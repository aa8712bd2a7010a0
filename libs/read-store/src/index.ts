export { ensureLookups, type EnsureLookupsOptions, type LookupsReport } from './ensure-lookups';
export {
  ensureFerretDbLookups,
  indexName,
  type FerretDbLookups,
  type LookupIndex,
} from './ferretdb-lookups';
export { keysOf, type LookupKeys } from './lookup-keys';
export { lookupPlan, type LookupPlan } from './lookup-plan';
export { readStoreKind, type ReadStoreKind } from './read-store-kind';
