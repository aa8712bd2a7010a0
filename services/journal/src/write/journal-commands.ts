import { journalStreamId } from '@ejournal/contracts';
import {
  journalDecider,
  lessonDateOf,
  refuse,
  type JournalCommand,
  type JournalState,
} from '@ejournal/journal-domain';
import { Injectable } from '@nestjs/common';
import { callerAt, type Requester } from '../edge/caller';
import type { EventContext } from '../edge/event-context';
import type { IdempotencyRequest } from '../edge/idempotency';
import { answerOf, type CommandAnswer } from './command-answer';
import { CommandFactsLoader } from './command-facts';
import { CommandRunner } from './command-runner';
import { JournalDirectory, type JournalPlace } from './journal-directory';

type WithoutFacts<C> = C extends unknown ? Omit<C, 'facts'> : never;
export type JournalCommandBody = WithoutFacts<JournalCommand>;
type OpenJournalBody = Extract<JournalCommandBody, { type: 'OpenJournal' }>;

/** Runs one command against a `journal-{id}` stream on behalf of the caller. */
@Injectable()
export class JournalCommands {
  constructor(
    private readonly runner: CommandRunner,
    private readonly directory: JournalDirectory,
    private readonly facts: CommandFactsLoader,
  ) {}

  async execute(
    journalId: string,
    body: JournalCommandBody,
    principal: Requester,
    context: EventContext,
    idempotency: IdempotencyRequest | null,
  ): Promise<CommandAnswer> {
    const place =
      body.type === 'OpenJournal' ? await this.placeOf(body) : await this.find(journalId);
    const caller = callerAt(principal, {
      regionId: place.regionId,
      schoolId: place.schoolId,
      ...(place.classId ? { classId: place.classId } : {}),
    });
    return this.runner.run({
      streamId: journalStreamId(journalId),
      decider: journalDecider,
      tenant: { regionId: place.regionId, schoolId: place.schoolId },
      context,
      idempotency,
      command: async (state: JournalState) => {
        // The roster's date never depends on the facts themselves.
        const rosterDate = lessonDateOf(body as JournalCommand, state);
        const facts = await this.facts.load(caller, { ...place, rosterDate });
        return { ...body, facts } as JournalCommand;
      },
      respond: (decided) => answerOf(journalId, decided),
    });
  }

  private async find(journalId: string): Promise<JournalPlace> {
    const place = await this.directory.find(journalId);
    if (!place) throw refuse.notFound('JOURNAL.NOT_FOUND', `There is no journal ${journalId}`);
    return place;
  }

  private async placeOf(body: OpenJournalBody): Promise<JournalPlace> {
    const existing = await this.directory.find(body.journalId);
    if (existing) return existing;
    return this.directory.placeOfNew(body);
  }
}
