import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Requester } from '../edge/caller';
import type { EventContext } from '../edge/event-context';
import type { IdempotencyRequest } from '../edge/idempotency';
import type { CommandAnswer } from './command-answer';
import { JournalCommands, type JournalCommandBody } from './journal-commands';

/** Every use case's request, as the controllers put it on the CommandBus. */
export class ExecuteJournalCommand {
  constructor(
    readonly journalId: string,
    readonly body: JournalCommandBody,
    readonly principal: Requester,
    readonly context: EventContext,
    readonly idempotency: IdempotencyRequest | null,
  ) {}
}

@CommandHandler(ExecuteJournalCommand)
export class ExecuteJournalCommandHandler implements ICommandHandler<ExecuteJournalCommand> {
  constructor(private readonly commands: JournalCommands) {}

  execute(command: ExecuteJournalCommand): Promise<CommandAnswer> {
    const { journalId, body, principal, context, idempotency } = command;
    return this.commands.execute(journalId, body, principal, context, idempotency);
  }
}
