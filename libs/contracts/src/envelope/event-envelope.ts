/** Whose record an event is. `schoolId` is null only for region-wide facts. */
export interface Tenant {
  regionId: string;
  schoolId: string | null;
}

/** Who caused an event; `onBehalfOf` names the user an operator acted for. */
export interface Actor {
  userId: string;
  role: string;
  onBehalfOf: string | null;
}

/** An event as a decider produces it, before the store gives it a place in a stream. */
export interface NewEvent<T extends string = string, D = unknown> {
  /** UUIDv7. */
  eventId: string;
  /** Past tense, stable across schema versions, e.g. `MarkRecorded`. */
  type: T;
  /** The version `data` is written in. */
  schemaVersion: number;
  /** ISO-8601 instant of business time. */
  occurredAt: string;
  tenant: Tenant;
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  traceparent: string | null;
  data: D;
}

/** An event as the store keeps and publishes it. */
export interface RecordedEvent<T extends string = string, D = unknown> extends NewEvent<T, D> {
  streamId: string;
  /** 1-based position within the stream. */
  streamVersion: number;
  /** A bigint, as a decimal string because it outgrows `Number.MAX_SAFE_INTEGER`. */
  globalPosition: string;
  /** ISO-8601 instant the store set before insert; what "as of" means. */
  recordedAt: string;
  /** Hex SHA-256 of the previous event in the stream; null for the first. */
  prevHash: string | null;
  /** Hex SHA-256 of `prevHash` and this event's hashed bytes. */
  hash: string | null;
}
