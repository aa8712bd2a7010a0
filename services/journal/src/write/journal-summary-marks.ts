import { journalStreamId } from '@ejournal/contracts';
import { todayIn } from '@ejournal/decider';
import { journalDecider, refuse, teachesOn, type JournalFacts } from '@ejournal/journal-domain';
import { Inject, Injectable } from '@nestjs/common';
import type { Request } from '../edge/request.decorator';
import { IDENTITY_FACTS, type IdentityFacts } from '../facts/identity-facts.port';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { JournalDirectory } from './journal-directory';
import { sheetsOfMarks } from './sheets-of-marks';
import { StreamStates } from './stream-states';
import { SummaryCommands, type SheetAnswer } from './summary-commands';

export interface JournalSummaryMarks {
  kind: 'period' | 'year';
  period: number | null;
  marks: { pupilId: string; value: string }[];
}

/**
 * Period and year marks set from a journal go to each pupil's class sheet: one sheet for a
 * class's journal, one per class for a group across classes (each its own append; with an
 * Idempotency-Key a retry finishes the sheets not yet written and repeats none).
 */
@Injectable()
export class JournalSummaryMarksService {
  constructor(
    private readonly directory: JournalDirectory,
    private readonly states: StreamStates,
    private readonly sheets: SummaryCommands,
    @Inject(IDENTITY_FACTS) private readonly facts: IdentityFacts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async set(
    journalId: string,
    request: JournalSummaryMarks,
    { requester, context, idempotency }: Request,
  ): Promise<{ sheets: SheetAnswer[] }> {
    const place = await this.directory.find(journalId);
    if (!place) throw refuse.notFound('JOURNAL.NOT_FOUND', `There is no journal ${journalId}`);
    const school = await this.facts.school(place.schoolId);
    const today = todayIn(school?.timeZone ?? 'UTC', this.clock().toISOString());
    const { state } = await this.states.load(journalStreamId(journalId), journalDecider);
    const journal: JournalFacts | null = state.journal && {
      journalId,
      subjectId: state.journal.subjectId,
      scale: state.journal.scale,
      callerTeaches: teachesOn(state, requester.userId, today),
      closedPeriods: state.closedPeriods,
    };
    const byClass = await sheetsOfMarks(this.facts, place, request.marks, today);
    const sheets: SheetAnswer[] = [];
    for (const [classId, marks] of byClass) {
      const body = {
        type: 'SetSummaryMarks' as const,
        journal,
        subjectId: place.subjectId ?? '',
        kind: request.kind,
        period: request.period,
        marks,
      };
      const key = idempotency && { ...idempotency, route: `${idempotency.route}#${classId}` };
      const sheet = { ...place, classId };
      sheets.push(await this.sheets.execute(sheet, body, { requester, context, idempotency: key }));
    }
    return { sheets };
  }
}
