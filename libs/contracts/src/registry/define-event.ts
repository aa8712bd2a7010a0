import { z } from 'zod';
import { envelopeSchema } from '../envelope/envelope-schema';
import type { NewEvent, RecordedEvent } from '../envelope/event-envelope';

/** Event data is a strict object: an unexpected key (a name, say) is an error, not ignored. */
export type DataSchema = z.ZodObject<z.ZodRawShape, z.core.$strict>;

/** One version of one event type. Create it with {@link defineEvent}. */
export interface EventDefinition<
  T extends string = string,
  V extends number = number,
  S extends DataSchema = DataSchema,
> {
  readonly type: T;
  readonly schemaVersion: V;
  readonly data: S;
  /** The version this one upcasts from; null for version 1. */
  readonly previous: EventDefinition<T> | null;
  /** Turns the previous version's data into this version's; null for version 1. */
  readonly upcastFromPrevious: ((previousData: unknown) => unknown) | null;
  /** The whole new event (envelope and data), as the registry validates it. */
  readonly eventSchema: z.ZodType;
}

export type EventData<D extends EventDefinition> = z.output<D['data']>;
export type EventOf<D extends EventDefinition> = NewEvent<D['type'], EventData<D>>;
export type RecordedEventOf<D extends EventDefinition> = RecordedEvent<D['type'], EventData<D>>;

interface FirstVersionSpec<T extends string, S extends DataSchema> {
  type: T;
  schemaVersion: 1;
  data: S;
}

interface NextVersionSpec<
  T extends string,
  V extends number,
  S extends DataSchema,
  P extends EventDefinition<T>,
> {
  type: T;
  schemaVersion: V;
  data: S;
  previous: P;
  /** Must be total: it runs on every stored event of the previous version, forever. */
  upcast: (previousData: EventData<P>) => z.output<S>;
}

/**
 * Declares one version of an event type. A breaking change is a new version with an upcaster
 * from the one before, so events written in any version stay readable.
 */
export function defineEvent<T extends string, S extends DataSchema>(
  spec: FirstVersionSpec<T, S>,
): EventDefinition<T, 1, S>;
export function defineEvent<
  T extends string,
  V extends number,
  S extends DataSchema,
  P extends EventDefinition<T>,
>(spec: NextVersionSpec<T, V, S, P>): EventDefinition<T, V, S>;
export function defineEvent(
  spec:
    | FirstVersionSpec<string, DataSchema>
    | NextVersionSpec<string, number, DataSchema, EventDefinition>,
): EventDefinition {
  const { type, schemaVersion, data } = spec;
  if (!/^[A-Z][A-Za-z0-9]*$/.test(type)) {
    throw new Error(`Event type ${type} must be a PascalCase name in the past tense`);
  }
  const previous = 'previous' in spec ? spec.previous : null;
  if (previous && (previous.type !== type || previous.schemaVersion !== schemaVersion - 1)) {
    throw new Error(`${type} v${schemaVersion} must upcast from ${type} v${schemaVersion - 1}`);
  }
  if (!previous && schemaVersion !== 1) {
    throw new Error(`${type} v${schemaVersion} needs the previous version and an upcaster`);
  }
  return {
    type,
    schemaVersion,
    data,
    previous,
    // The registry feeds an upcaster only data of the previous version, which was validated
    // when it was written, so widening its parameter to unknown is safe.
    upcastFromPrevious: 'upcast' in spec ? (spec.upcast as (data: unknown) => unknown) : null,
    eventSchema: envelopeSchema('new', type, schemaVersion, data),
  };
}
