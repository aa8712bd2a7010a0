import type { NewEvent, Tenant } from '@ejournal/contracts';
import { identityRegistry, newEventId } from '@ejournal/contracts';
import { fold, type Decider } from '@ejournal/decider';
import { WrongExpectedVersionError, type EventStore } from '@ejournal/event-store';
import { Inject, Injectable } from '@nestjs/common';
import { ProjectionWaiter } from '../projections/projection-waiter';
import { CLOCK, EVENT_STORE, type Clock } from '../infrastructure/tokens';
import type { EventContext } from './event-context';

type AnyFact = { type: string; data: unknown };

export interface RunResult<E> {
  events: E[];
  /** The stream's version after the command (unchanged when it decided nothing). */
  version: number;
}

const ATTEMPTS = 5;

/**
 * The one write path: load the stream, decide, append with the expected version, and on a
 * version conflict load and decide again. Returns once the read models include the events.
 */
@Injectable()
export class CommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: ProjectionWaiter,
  ) {}

  async run<C, E extends AnyFact, S>(
    streamId: string,
    decider: Decider<C, E, S>,
    command: C,
    tenant: Tenant,
    context: EventContext,
  ): Promise<RunResult<E>> {
    for (let attempt = 1; ; attempt += 1) {
      const { state, version } = await this.load(streamId, decider);
      const events = decider.decide(command, state);
      if (events.length === 0) return { events, version };
      try {
        await this.store.append(
          streamId,
          version === 0 ? 'noStream' : version,
          events.map((event) => this.envelope(event, tenant, context)),
        );
        await this.projections.caughtUp(streamId, version + events.length);
        return { events, version: version + events.length };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  /** Appends decided events at the expected version; resolves once they are projected. */
  async append(
    streamId: string,
    expected: number,
    events: AnyFact[],
    tenant: Tenant,
    context: EventContext,
  ): Promise<number> {
    const envelopes = events.map((event) => this.envelope(event, tenant, context));
    await this.store.append(streamId, expected === 0 ? 'noStream' : expected, envelopes);
    await this.projections.caughtUp(streamId, expected + events.length);
    return expected + events.length;
  }

  async load<E extends AnyFact, S>(
    streamId: string,
    decider: Pick<Decider<unknown, E, S>, 'evolveAll' | 'initialState'>,
  ) {
    const history = await this.store.readStream(streamId);
    const facts = history.map((event) => ({ type: event.type, data: event.data }) as E);
    return { state: fold(decider, facts), version: history.length };
  }

  private envelope(event: AnyFact, tenant: Tenant, context: EventContext): NewEvent {
    const now = this.clock();
    return {
      eventId: newEventId(now.getTime()),
      type: event.type,
      schemaVersion: identityRegistry.currentVersion(event.type),
      occurredAt: now.toISOString(),
      tenant,
      actor: context.actor,
      correlationId: context.correlationId,
      causationId: context.causationId,
      traceparent: context.traceparent,
      data: event.data,
    };
  }
}
