import { summaryStreamId } from '@ejournal/contracts';
import {
  summaryDecider,
  type JournalFacts,
  type SummaryCommand,
  type SummaryState,
} from '@ejournal/journal-domain';
import { Injectable } from '@nestjs/common';
import { callerAt, type Requester } from '../edge/caller';
import type { EventContext } from '../edge/event-context';
import type { IdempotencyRequest } from '../edge/idempotency';
import { CommandFactsLoader } from './command-facts';
import { CommandRunner } from './command-runner';

type WithoutFacts<C> = C extends unknown ? Omit<C, 'facts'> : never;
export type SummaryCommandBody = WithoutFacts<SummaryCommand>;

/** A class's summary grade sheet of one academic year. */
export interface SheetPlace {
  regionId: string;
  schoolId: string;
  academicYear: string;
  classId: string;
}

export interface SheetAnswer {
  streamId: string;
  classId: string;
  version: number;
  events: { eventId: string; type: string; data: unknown }[];
}

/** Runs one command against a `summary-{schoolId}-{startYear}-{classId}` stream. */
@Injectable()
export class SummaryCommands {
  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: CommandFactsLoader,
  ) {}

  execute(
    sheet: SheetPlace,
    body: SummaryCommandBody,
    requester: Requester,
    context: EventContext,
    idempotency: IdempotencyRequest | null,
  ): Promise<SheetAnswer> {
    const { regionId, schoolId, academicYear, classId } = sheet;
    const caller = callerAt(requester, { regionId, schoolId, classId });
    const streamId = summaryStreamId(schoolId, academicYear, classId);
    return this.runner.run({
      streamId,
      decider: summaryDecider,
      tenant: { regionId, schoolId },
      context,
      idempotency,
      command: async (_state: SummaryState) => {
        const about = { schoolId, academicYear, groupId: classId, rosterDate: 'today' as const };
        return { ...body, facts: await this.facts.load(caller, about) } as SummaryCommand;
      },
      respond: ({ version, events }) => ({
        streamId,
        classId,
        version,
        events: events.map(({ eventId, type, data }) => ({ eventId: eventId ?? '', type, data })),
      }),
    });
  }
}

export type { JournalFacts };
