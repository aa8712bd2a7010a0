export { INFRA_SOURCE_VARIABLE, infraEnv, requireInfra } from './infra-env';
export type { InfraSource } from './infra-env';
export { LOCAL_INFRA } from './local-infra';
export type { InfraVariable } from './local-infra';
export {
  assertTestName,
  createTestDatabase,
  testMongoUrl,
  testReadStorePostgresUrl,
  testTopic,
  uniqueTestName,
} from './test-resources';
export type { TestDatabase } from './test-resources';
export { serviceHealth } from './service-health';
export {
  freePort,
  httpClient,
  startBuiltService,
  type Answer,
  type CallOptions,
  type RunningService,
} from './running-service';
export * from './tenant-sweep';
export {
  countByRule,
  lintOpenApi,
  operationsOf,
  undocumentedRoutes,
  type LintFinding,
} from './openapi-contract/openapi-contract';
export { dropMongo, dropRoles, rosterFile } from './e2e/e2e-resources';
export { startIdentityAndJournal } from './e2e/running-services';
export * from './e2e/school-setup';
