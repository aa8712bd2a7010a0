import type { EventRegistry, NewEvent, Tenant } from '@ejournal/contracts';
import { newEventId } from '@ejournal/contracts';
import type { Decider } from '@ejournal/decider';
import {
  WrongExpectedVersionError,
  type EventStore,
  type IdempotencyKey,
} from '@ejournal/event-store';
import type { EventContext } from './event-context';
import type { ProjectionWaiter } from './projection-waiter';
import { FoldedStreams, type Folding, type StreamStates } from './stream-states';

type AnyFact = { type: string; data: unknown };

/** A decided event as recorded: with the id and author its envelope gave it. */
export type Appended<E> = E & { eventId: string; actorId: string };

export interface Decided<S, E = AnyFact> {
  streamId: string;
  /** The stream's version after the command (unchanged when it decided nothing). */
  version: number;
  events: Appended<E>[];
  state: S;
}

export interface CommandSpec<C, E, S, R> {
  streamId: string;
  decider: Decider<C, E, S>;
  tenant: Tenant;
  context: EventContext;
  /** The domain command for the loaded state: the facts it needs gathered from projections. */
  command(state: S): C | Promise<C>;
  /** With a key, a retry of the same request gets the first answer; another body is refused. */
  idempotency?: IdempotencyKey | null;
  /** The answer, stored with the append so a retried request gets it again. */
  respond(decided: Decided<S, E>): R;
}

export interface WritePathOptions {
  store: EventStore;
  clock: () => Date;
  /** The schema version each event type is written in. */
  registry: Pick<EventRegistry, 'currentVersion'>;
  /** Where states come from (a cache, snapshots); folding the whole stream by default. */
  states?: StreamStates;
  /** Given, a command returns once the read models include its events (read-your-writes). */
  projections?: Pick<ProjectionWaiter, 'caughtUp'>;
}

const ATTEMPTS = 5;

/**
 * The one write path: answer a retried Idempotency-Key from its record; otherwise load the
 * stream, build the command, decide, append with the expected version (and the key's record,
 * one transaction), and on a version conflict load and decide again.
 */
export class WritePath {
  private readonly states: StreamStates;

  constructor(private readonly options: WritePathOptions) {
    this.states = options.states ?? new FoldedStreams(options.store);
  }

  async handle<C, E extends AnyFact, S, R>(spec: CommandSpec<C, E, S, R>): Promise<R> {
    const { store } = this.options;
    const { streamId, decider, idempotency } = spec;
    // The store says whether the key was used, and refuses it with another body.
    const earlier = idempotency ? await store.findEarlierRequest(idempotency) : null;
    if (earlier) return earlier.response as R;
    for (let attempt = 1; ; attempt += 1) {
      const { state, version } = await this.states.load(streamId, decider);
      const facts = decider.decide(await spec.command(state), state);
      const envelopes = facts.map((fact) => this.envelope(fact, spec.tenant, spec.context));
      const events = facts.map((fact, index) => appended(fact, envelopes[index] as NewEvent));
      const decided = {
        streamId,
        version: version + events.length,
        events,
        state: decider.evolveAll(state, events),
      };
      const response = spec.respond(decided);
      if (events.length === 0) return response;
      try {
        const result = await store.append(
          streamId,
          version === 0 ? 'noStream' : version,
          envelopes,
          idempotency ? { idempotency: { ...idempotency, response } } : {},
        );
        if (result.duplicate) {
          this.states.forget(streamId);
          return (result.storedResponse as R | undefined) ?? response;
        }
        await this.states.remember(streamId, decided, version);
        await this.options.projections?.caughtUp(streamId, decided.version);
        return response;
      } catch (error) {
        this.states.forget(streamId);
        if (!(error instanceof WrongExpectedVersionError) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  /** Appends events decided elsewhere at the expected version; resolves once projected. */
  async append(
    streamId: string,
    expected: number,
    events: AnyFact[],
    tenant: Tenant,
    context: EventContext,
  ): Promise<number> {
    const envelopes = events.map((event) => this.envelope(event, tenant, context));
    await this.options.store.append(streamId, expected === 0 ? 'noStream' : expected, envelopes);
    this.states.forget(streamId);
    await this.options.projections?.caughtUp(streamId, expected + events.length);
    return expected + events.length;
  }

  load<E, S>(streamId: string, decider: Folding<E, S>) {
    return this.states.load(streamId, decider);
  }

  private envelope(fact: AnyFact, tenant: Tenant, context: EventContext): NewEvent {
    const now = this.options.clock();
    return {
      eventId: newEventId(now.getTime()),
      type: fact.type,
      schemaVersion: this.options.registry.currentVersion(fact.type),
      occurredAt: now.toISOString(),
      tenant,
      actor: context.actor,
      correlationId: context.correlationId,
      causationId: context.causationId,
      traceparent: context.traceparent,
      data: fact.data,
    };
  }
}

const appended = <E extends AnyFact>(fact: E, envelope: NewEvent): Appended<E> => ({
  ...fact,
  eventId: envelope.eventId,
  actorId: envelope.actor.userId,
});
