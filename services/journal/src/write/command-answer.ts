import { cellRevision, markCell, type JournalState } from '@ejournal/journal-domain';
import type { Decided } from '@ejournal/write-path';
import type { commandAnswer, MatchesSchema } from '../edge/command-docs';

export interface CellRevision {
  lessonId: string;
  pupilId: string;
  /** Send it back as `expectedCellRevision` to correct this cell. */
  revision: number;
}

/** What every journal command answers: the stream version and what it recorded. */
export interface CommandAnswer {
  journalId: string;
  version: number;
  events: { eventId: string; type: string; data: unknown }[];
  cells: CellRevision[];
}

// Fails to compile when the OpenAPI schema and `answerOf`'s type part.
export const ANSWER_MATCHES_ITS_SCHEMA: MatchesSchema<CommandAnswer, typeof commandAnswer> = true;

function cellOf(state: JournalState, data: Record<string, unknown>) {
  if (typeof data['lessonId'] === 'string' && typeof data['pupilId'] === 'string') {
    return { lessonId: data['lessonId'], pupilId: data['pupilId'] };
  }
  return typeof data['markId'] === 'string' ? markCell(state, data['markId']) : null;
}

export function answerOf(journalId: string, decided: Decided<JournalState>): CommandAnswer {
  const cells = new Map<string, CellRevision>();
  for (const event of decided.events) {
    const cell = cellOf(decided.state, event.data as Record<string, unknown>);
    if (!cell) continue;
    const { lessonId, pupilId } = cell;
    const revision = cellRevision(decided.state, lessonId, pupilId);
    cells.set(`${lessonId}|${pupilId}`, { lessonId, pupilId, revision });
  }
  return {
    journalId,
    version: decided.version,
    events: decided.events.map(({ eventId, type, data }) => ({
      eventId: eventId ?? '',
      type,
      data,
    })),
    cells: [...cells.values()],
  };
}
