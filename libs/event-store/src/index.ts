export * from './event-store.port';
export {
  EventIdConflictError,
  EventStoreError,
  IdempotencyKeyReusedError,
  InvalidEventStoreArgumentError,
  StreamDisposedError,
  WrongExpectedVersionError,
} from './errors';
export { categoryOf } from './stream-id';
export { survivingConnectionLoss } from './postgres/connection-loss';
export {
  PostgresEventStore,
  type PostgresEventStoreOptions,
} from './postgres/postgres-event-store';
export {
  migrateEventStore,
  type MigrateEventStoreOptions,
  type MigrateEventStoreResult,
} from './migrations/migrate-event-store';
export { eventStoreRoles, type EventStoreRoles } from './migrations/event-store-roles';
export type { Backoff } from './subscriptions/backoff';
export {
  appUrlOf,
  isAppRoleUrl,
  openServiceStore,
  type ServiceStore,
} from './postgres/open-service-store';
