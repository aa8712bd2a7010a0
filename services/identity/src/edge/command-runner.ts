import type { Tenant } from '@ejournal/contracts';
import { identityRegistry } from '@ejournal/contracts';
import type { Decider } from '@ejournal/decider';
import type { EventStore } from '@ejournal/event-store';
import { WritePath, type EventContext } from '@ejournal/write-path';
import { Inject, Injectable } from '@nestjs/common';
import { ProjectionWaiter } from '../projections/projection-waiter';
import { CLOCK, EVENT_STORE, type Clock } from '../infrastructure/tokens';

/**
 * Identity's write path (`WritePath` of @ejournal/write-path) over its store, folding each
 * stream whole: a command returns once the read models include its events.
 */
@Injectable()
export class CommandRunner extends WritePath {
  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) clock: Clock,
    projections: ProjectionWaiter,
  ) {
    super({ store, clock, registry: identityRegistry, projections });
  }

  /** Runs a command built beforehand: its events and the stream's version after it. */
  run<C, E extends { type: string; data: unknown }, S>(
    streamId: string,
    decider: Decider<C, E, S>,
    command: C,
    tenant: Tenant,
    context: EventContext,
  ) {
    return this.handle({
      streamId,
      decider,
      tenant,
      context,
      command: () => command,
      respond: ({ events, version }) => ({ events, version }),
    });
  }
}
