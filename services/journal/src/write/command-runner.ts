import type { NewEvent, Tenant } from '@ejournal/contracts';
import { journalRegistry, newEventId } from '@ejournal/contracts';
import {
  IdempotencyKeyReusedError,
  WrongExpectedVersionError,
  type EventStore,
} from '@ejournal/event-store';
import type { Decider } from '@ejournal/decider';
import { Inject, Injectable } from '@nestjs/common';
import type { EventContext } from '../edge/event-context';
import type { IdempotencyRequest } from '../edge/idempotency';
import { CLOCK, EVENT_STORE, type Clock } from '../infrastructure/tokens';
import { StreamStates, type FoldedFact } from './stream-states';

export interface Decided<S> {
  streamId: string;
  /** The stream's version after the command (unchanged when it decided nothing). */
  version: number;
  events: FoldedFact[];
  state: S;
}

export interface RunSpec<C, S, R> {
  streamId: string;
  decider: Decider<C, FoldedFact, S>;
  tenant: Tenant;
  context: EventContext;
  idempotency: IdempotencyRequest | null;
  /** Builds the domain command from the loaded state: gathers facts from local projections. */
  command(state: S): Promise<C>;
  /** The answer, stored with the append so a retried request gets it again. */
  respond(decided: Decided<S>): R;
}

const ATTEMPTS = 5;

/**
 * The one write path: answer a retried Idempotency-Key from its record; otherwise load the
 * stream, gather facts, decide, append with the expected version together with the key's
 * record (one transaction), and on a version conflict load and decide again.
 */
@Injectable()
export class CommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly states: StreamStates,
  ) {}

  async run<C, S, R>(spec: RunSpec<C, S, R>): Promise<R> {
    const earlier = await this.earlierAnswer<R>(spec.idempotency);
    if (earlier.found) return earlier.response;
    for (let attempt = 1; ; attempt += 1) {
      const { state, version } = await this.states.load(spec.streamId, spec.decider);
      const decided = spec.decider.decide(await spec.command(state), state);
      const envelopes = decided.map((fact) => this.envelope(fact, spec.tenant, spec.context));
      const events = envelopes.map((event) => ({
        type: event.type,
        data: event.data,
        eventId: event.eventId,
        actorId: event.actor.userId,
      }));
      const next = {
        streamId: spec.streamId,
        version: version + events.length,
        events,
        state: spec.decider.evolveAll(state, events),
      };
      const response = spec.respond(next);
      if (events.length === 0) return response;
      try {
        const result = await this.store.append(
          spec.streamId,
          version === 0 ? 'noStream' : version,
          envelopes,
          spec.idempotency ? { idempotency: { ...spec.idempotency, response } } : {},
        );
        if (result.duplicate) {
          this.states.forget(spec.streamId);
          return (result.storedResponse as R | undefined) ?? response;
        }
        await this.states.remember(spec.streamId, next, version);
        return response;
      } catch (error) {
        this.states.forget(spec.streamId);
        if (error instanceof IdempotencyKeyReusedError) throw error;
        if (!(error instanceof WrongExpectedVersionError) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  private async earlierAnswer<R>(
    idempotency: IdempotencyRequest | null,
  ): Promise<{ found: true; response: R } | { found: false }> {
    if (!idempotency) return { found: false };
    const { caller, route, key, bodyHash } = idempotency;
    const record = await this.store.findIdempotencyRecord(caller, route, key);
    if (!record) return { found: false };
    if (record.bodyHash !== bodyHash) throw new IdempotencyKeyReusedError(caller, route, key);
    return { found: true, response: record.response as R };
  }

  private envelope(fact: FoldedFact, tenant: Tenant, context: EventContext): NewEvent {
    const now = this.clock();
    return {
      eventId: newEventId(now.getTime()),
      type: fact.type,
      schemaVersion: journalRegistry.currentVersion(fact.type),
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
