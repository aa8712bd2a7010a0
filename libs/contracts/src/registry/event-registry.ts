import { z } from 'zod';
import { envelopeSchema } from '../envelope/envelope-schema';
import type { NewEvent, RecordedEvent } from '../envelope/event-envelope';
import { ContractValidationError, UnknownEventTypeError } from './contract-errors';
import type { EventDefinition } from './define-event';

type Upcaster = (previousData: unknown) => unknown;

/** Every version of one type: `versions[i]` is version i + 1, `upcasters[i]` leads to it from i. */
interface VersionChain {
  readonly versions: readonly EventDefinition[];
  readonly upcasters: readonly Upcaster[];
}

/** The event types a service knows: validates what it writes, upcasts what it reads. */
export class EventRegistry {
  private readonly chains = new Map<string, VersionChain>();

  /**
   * Adds versions, in any order within a call. After each call every type must have versions
   * 1..n, each upcasting from the registered one before it.
   */
  register(...definitions: EventDefinition[]): this {
    const changed = new Map<string, (EventDefinition | undefined)[]>();
    for (const definition of definitions) {
      const { type, schemaVersion } = definition;
      const versions = changed.get(type) ?? [...(this.chains.get(type)?.versions ?? [])];
      if (versions[schemaVersion - 1])
        throw new Error(`${type} v${schemaVersion} is registered twice`);
      versions[schemaVersion - 1] = definition;
      changed.set(type, versions);
    }
    // Check every type before changing any, so a failed call leaves the registry as it was.
    const completed = [...changed].map(
      ([type, versions]) => [type, completeChain(type, versions)] as const,
    );
    for (const [type, chain] of completed) this.chains.set(type, chain);
    return this;
  }

  types(): string[] {
    return [...this.chains.keys()].sort();
  }

  currentVersion(type: string): number {
    return this.chainOf(type).versions.length;
  }

  /**
   * Checks an event before it is written: the envelope, and `data` against the schema of the
   * event's own `schemaVersion` (older versions may still be written). Returns the parsed event.
   */
  validate<E extends NewEvent>(event: E): E {
    const type: unknown = (event as Partial<NewEvent> | null)?.type;
    if (typeof type !== 'string')
      throw new ContractValidationError('(unknown)', 'type', 'is required');
    const { versions } = this.chainOf(type);
    const definition = Number.isInteger(event.schemaVersion)
      ? versions[event.schemaVersion - 1]
      : undefined;
    if (!definition) {
      throw new ContractValidationError(type, 'schemaVersion', `must be 1..${versions.length}`);
    }
    const result = definition.eventSchema.safeParse(event);
    if (!result.success) throw validationError(type, result.error);
    return result.data as E;
  }

  /**
   * Brings a stored event to the current version of its type, one upcaster at a time. Data is
   * not validated again: it was validated when written and upcasters are typed, and replaying
   * millions of events must stay cheap. The hash still covers the stored bytes, not this view.
   */
  upcast<E extends RecordedEvent>(event: E): E {
    const { versions, upcasters } = this.chainOf(event.type);
    const from = event.schemaVersion;
    if (from === versions.length) return event;
    if (!Number.isInteger(from) || from < 1 || from > versions.length) {
      throw new UnknownEventTypeError(event.type, from);
    }
    let data: unknown = event.data;
    for (const upcast of upcasters.slice(from - 1)) data = upcast(data);
    return { ...event, schemaVersion: versions.length, data };
  }

  /** JSON Schema of every recorded event (full envelope and data), keyed `${type}.v${version}`. */
  jsonSchemas(): Record<string, object> {
    const schemas: Record<string, object> = {};
    for (const type of this.types()) {
      for (const { schemaVersion, data } of this.chainOf(type).versions) {
        const key = `${type}.v${schemaVersion}`;
        const schema = envelopeSchema('recorded', type, schemaVersion, data).meta({ title: key });
        schemas[key] = z.toJSONSchema(schema);
      }
    }
    return schemas;
  }

  private chainOf(type: string): VersionChain {
    const chain = this.chains.get(type);
    if (!chain) throw new UnknownEventTypeError(type);
    return chain;
  }
}

function completeChain(type: string, versions: (EventDefinition | undefined)[]): VersionChain {
  const upcasters: Upcaster[] = [];
  // Array.from, not map(): map skips the holes a missing version leaves.
  const complete = Array.from(versions, (definition, index) => {
    if (!definition) throw new Error(`${type} v${index + 1} is missing`);
    if (index === 0) return definition;
    if (!definition.upcastFromPrevious || definition.previous !== versions[index - 1]) {
      throw new Error(`${type} v${index + 1} must upcast from the registered v${index}`);
    }
    upcasters.push(definition.upcastFromPrevious);
    return definition;
  });
  return { versions: complete, upcasters };
}

function validationError(type: string, error: z.ZodError): ContractValidationError {
  const [issue] = error.issues;
  if (!issue) return new ContractValidationError(type, '', 'is invalid');
  const path = issue.path.map(String);
  // Name the unexpected key itself (`data.pupilName`), not the object that holds it.
  if (issue.code === 'unrecognized_keys' && issue.keys[0]) path.push(issue.keys[0]);
  return new ContractValidationError(type, path.join('.'), issue.message);
}
