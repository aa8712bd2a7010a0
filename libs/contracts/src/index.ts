export type { Actor, NewEvent, RecordedEvent, Tenant } from './envelope/event-envelope';
export { newEventId } from './envelope/event-id';
export { calendarDate, instant } from './envelope/field-schemas';
export {
  CanonicalJsonError,
  canonicalize,
  type CanonicalOptions,
} from './canonical/canonical-json';
export { chainDigest, chainHash, GENESIS_PREV_HASH } from './canonical/chain-hash';
export { HASHED_FIELDS, hashedBytes, type HashedField } from './canonical/hashed-fields';
export { ContractValidationError, UnknownEventTypeError } from './registry/contract-errors';
export {
  defineEvent,
  type DataSchema,
  type EventData,
  type EventDefinition,
  type EventOf,
  type RecordedEventOf,
} from './registry/define-event';
export { EventRegistry } from './registry/event-registry';
export * from './journal';
export * from './identity';
export * from './diary';
export * from './integrity';
export * from './archive';
