import type { EventRegistry, NewEvent, Tenant } from '@ejournal/contracts';
import { newEventId } from '@ejournal/contracts';
import type { Decider } from '@ejournal/decider';
import {
  WrongExpectedVersionError,
  type EventStore,
  type IdempotencyKey,
} from '@ejournal/event-store';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventContext } from './event-context';
import { KeyedLock } from './keyed-lock';
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

/** Tries against appends of other replicas; within a process commands on a stream queue. */
const ATTEMPTS = 10;
const BACKOFF_MS = { first: 4, max: 200 };

interface Outcome<R> {
  response: R;
  /** The version to wait for in the read models; null when nothing was appended. */
  appended: number | null;
}

/**
 * The one write path: answer a retried Idempotency-Key from its record; otherwise load the
 * stream, build the command, decide, append with the expected version (and the key's record,
 * one transaction), and on a version conflict (another replica appended) load and decide again
 * after a jittered backoff. Commands on one stream run one at a time in this process (a queue
 * per stream), so co-writers of a journal never conflict with each other here; the wait for
 * the read models (read-your-writes) happens after the stream's turn, in parallel.
 */
export class WritePath {
  private readonly states: StreamStates;
  private readonly turns = new KeyedLock();

  constructor(private readonly options: WritePathOptions) {
    this.states = options.states ?? new FoldedStreams(options.store);
  }

  async handle<C, E extends AnyFact, S, R>(spec: CommandSpec<C, E, S, R>): Promise<R> {
    const outcome = await this.turns.run(spec.streamId, () => this.decideAndAppend(spec));
    if (outcome.appended !== null) {
      await this.options.projections?.caughtUp(spec.streamId, outcome.appended);
    }
    return outcome.response;
  }

  private async decideAndAppend<C, E extends AnyFact, S, R>(
    spec: CommandSpec<C, E, S, R>,
  ): Promise<Outcome<R>> {
    const { store } = this.options;
    const { streamId, decider, idempotency } = spec;
    // The store says whether the key was used, and refuses it with another body.
    const earlier = idempotency ? await store.findEarlierRequest(idempotency) : null;
    if (earlier) return { response: earlier.response as R, appended: null };
    for (let attempt = 1; ; attempt += 1) {
      // Taken from the states' cache for this turn: folded into in place when the decider can.
      const loaded = await this.states.load(streamId, decider, { take: true });
      const { state, version } = loaded;
      let facts: E[];
      try {
        facts = decider.decide(await spec.command(state), state);
      } catch (error) {
        // Refused: the state is as it was taken; it goes back for the next command.
        await this.states.remember(streamId, loaded, version);
        throw error;
      }
      const envelopes = facts.map((fact) => this.envelope(fact, spec.tenant, spec.context));
      const events = facts.map((fact, index) => appended(fact, envelopes[index] as NewEvent));
      if (events.length === 0) {
        await this.states.remember(streamId, { state, version }, version);
        return { response: spec.respond({ streamId, version, events, state }), appended: null };
      }
      const evolve = decider.evolveOwned ?? decider.evolveAll;
      const decided = {
        streamId,
        version: version + events.length,
        events,
        state: evolve(state, events),
      };
      const response = spec.respond(decided);
      try {
        const result = await store.append(
          streamId,
          version === 0 ? 'noStream' : version,
          envelopes,
          idempotency ? { idempotency: { ...idempotency, response } } : {},
        );
        if (result.duplicate) {
          this.states.forget(streamId);
          return { response: (result.storedResponse as R | undefined) ?? response, appended: null };
        }
        await this.states.remember(streamId, decided, version);
        return { response, appended: decided.version };
      } catch (error) {
        this.states.forget(streamId);
        if (!(error instanceof WrongExpectedVersionError) || attempt >= ATTEMPTS) throw error;
        await sleep(backoffMs(attempt));
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
    await this.turns.run(streamId, async () => {
      await this.options.store.append(streamId, expected === 0 ? 'noStream' : expected, envelopes);
      this.states.forget(streamId);
    });
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

/** Full jitter: a random wait up to an exponentially growing cap. */
const backoffMs = (attempt: number) =>
  Math.random() * Math.min(BACKOFF_MS.max, BACKOFF_MS.first * 2 ** attempt);

const appended = <E extends AnyFact>(fact: E, envelope: NewEvent): Appended<E> => ({
  ...fact,
  eventId: envelope.eventId,
  actorId: envelope.actor.userId,
});
