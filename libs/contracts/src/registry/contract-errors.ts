/**
 * An event does not match its contract. `field` is the dotted path of the first bad field
 * (`data.value`, `tenant.schoolId`); values are never echoed because they may be personal data.
 */
export class ContractValidationError extends Error {
  readonly code = 'CONTRACTS.VALIDATION_FAILED';

  constructor(
    readonly eventType: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`Invalid ${eventType} event: ${field || '(event)'}: ${reason}`);
    this.name = 'ContractValidationError';
  }
}

/** No contract is registered for an event's type, or for its schema version on read. */
export class UnknownEventTypeError extends Error {
  readonly code = 'CONTRACTS.UNKNOWN_EVENT_TYPE';

  constructor(
    readonly eventType: string,
    readonly schemaVersion: number | null = null,
  ) {
    super(
      schemaVersion === null
        ? `Unknown event type ${eventType}`
        : `Unknown schema version ${eventType} v${schemaVersion}`,
    );
    this.name = 'UnknownEventTypeError';
  }
}
