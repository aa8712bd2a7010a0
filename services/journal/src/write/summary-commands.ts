import { summaryStreamId } from '@ejournal/contracts';
import { summaryDecider, type SummaryCommand, type SummaryState } from '@ejournal/journal-domain';
import { WritePath } from '@ejournal/write-path';
import { Injectable } from '@nestjs/common';
import { callerAt } from '../edge/caller';
import type { MatchesSchema, sheetAnswer } from '../edge/command-docs';
import type { Request } from '../edge/request.decorator';
import { CommandFactsLoader } from './command-facts';

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

// Fails to compile when the OpenAPI schema and the answer's type part.
export const SHEET_ANSWER_MATCHES_ITS_SCHEMA: MatchesSchema<SheetAnswer, typeof sheetAnswer> = true;

/** Runs one command against a `summary-{schoolId}-{startYear}-{classId}` stream. */
@Injectable()
export class SummaryCommands {
  constructor(
    private readonly writePath: WritePath,
    private readonly facts: CommandFactsLoader,
  ) {}

  execute(
    sheet: SheetPlace,
    body: SummaryCommandBody,
    { requester, context, idempotency }: Request,
  ): Promise<SheetAnswer> {
    const { regionId, schoolId, academicYear, classId } = sheet;
    const caller = callerAt(requester, { regionId, schoolId, classId });
    const streamId = summaryStreamId(schoolId, academicYear, classId);
    return this.writePath.handle({
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
