import type { CommandBus } from '@nestjs/cqrs';
import type { Requester } from '../edge/caller';
import type { EventContext } from '../edge/event-context';
import type { IdempotencyRequest } from '../edge/idempotency';
import type { CommandAnswer } from './command-answer';
import { ExecuteJournalCommand } from './journal-command.handler';
import type { JournalCommandBody } from './journal-commands';

/** What every journal command's controller method hands over. */
export interface Request {
  requester: Requester;
  context: EventContext;
  idempotency: IdempotencyRequest | null;
}

export function dispatch(
  bus: CommandBus,
  journalId: string,
  body: JournalCommandBody,
  { requester, context, idempotency }: Request,
): Promise<CommandAnswer> {
  return bus.execute(new ExecuteJournalCommand(journalId, body, requester, context, idempotency));
}
