import { journalStreamId } from '@ejournal/contracts';
import {
  journalDecider,
  lessonDateOf,
  refuse,
  type JournalCommand,
  type JournalState,
} from '@ejournal/journal-domain';
import { WritePath } from '@ejournal/write-path';
import { Injectable } from '@nestjs/common';
import { callerAt } from '../edge/caller';
import type { Request } from '../edge/request.decorator';
import { answerOf, type CommandAnswer } from './command-answer';
import { CommandFactsLoader } from './command-facts';
import { JournalDirectory, type JournalPlace } from './journal-directory';

type WithoutFacts<C> = C extends unknown ? Omit<C, 'facts'> : never;
export type JournalCommandBody = WithoutFacts<JournalCommand>;
type OpenJournalBody = Extract<JournalCommandBody, { type: 'OpenJournal' }>;

/**
 * Runs one command against a `journal-{id}` stream on behalf of the caller: finds where the
 * journal lies, then the write path loads it, gathers the facts, decides and appends.
 */
@Injectable()
export class JournalCommands {
  constructor(
    private readonly writePath: WritePath,
    private readonly directory: JournalDirectory,
    private readonly facts: CommandFactsLoader,
  ) {}

  async execute(
    journalId: string,
    body: JournalCommandBody,
    { requester, context, idempotency }: Request,
  ): Promise<CommandAnswer> {
    const place =
      body.type === 'OpenJournal' ? await this.placeOf(body) : await this.find(journalId);
    const caller = callerAt(requester, {
      regionId: place.regionId,
      schoolId: place.schoolId,
      ...(place.classId ? { classId: place.classId } : {}),
    });
    return this.writePath.handle({
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
