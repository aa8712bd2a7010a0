import { refuse } from '@ejournal/journal-domain';
import { Inject, Injectable } from '@nestjs/common';
import { IDENTITY_FACTS, type IdentityFacts } from '../../facts/identity-facts.port';
import { isQuarantined } from '../../read-models/documents/bookkeeping';
import { decodeHistory } from '../../read-models/documents/history-codec';
import { columnId, type CellHistoryEntry } from '../../read-models/documents/journal-documents';
import {
  READ_MODELS,
  type JournalReadModels,
} from '../../read-models/documents/read-model-schemas';
import type { JournalHeader } from '../journal-header/journal-header';

export type { CellHistoryEntry };

export interface CellHistoryDto {
  journalId: string;
  lessonId: string;
  pupilId: string;
  /** Every event of the cell in stream order: who, when, what, why, authorised by whom. */
  entries: CellHistoryEntry[];
  stale: boolean;
}

/** One cell's history, for the "who changed this mark and why" view and for auditors. */
@Injectable()
export class CellHistoryQuery {
  constructor(
    @Inject(READ_MODELS) private readonly models: JournalReadModels,
    @Inject(IDENTITY_FACTS) private readonly facts: IdentityFacts,
  ) {}

  /**
   * Empty when nothing was ever entered in the cell. Throws `JOURNAL.LESSON_NOT_FOUND` for a
   * lesson not of this journal (voided ones are its), and `JOURNAL.PUPIL_NOT_FOUND` for a pupil
   * with no entry who was not in the journal's group on the lesson's date: a cell only exists
   * where an entry could have been made.
   */
  async history(
    journal: Pick<JournalHeader, 'journalId' | 'groupId'>,
    lessonId: string,
    pupilId: string,
  ): Promise<CellHistoryDto> {
    const { journalId } = journal;
    const [column, stored] = await Promise.all([
      this.models.columns.findFields(columnId(journalId, lessonId), { date: 1 }),
      this.models.histories.findById(columnId(journalId, lessonId)),
    ]);
    const history = stored && decodeHistory(stored);
    const entries = (history?.entries ?? []).filter((entry) => entry.pupilId === pupilId);
    if (!column) {
      throw refuse.notFound('JOURNAL.LESSON_NOT_FOUND', `The journal has no lesson ${lessonId}`);
    }
    if (
      entries.length === 0 &&
      !(await this.facts.membersOn(journal.groupId, column.date)).includes(pupilId)
    ) {
      throw refuse.notFound(
        'JOURNAL.PUPIL_NOT_FOUND',
        `Pupil ${pupilId} was not on the journal's roster on ${column.date}`,
      );
    }
    return {
      journalId,
      lessonId,
      pupilId,
      entries: entries.map(({ pupilId: _pupil, ...entry }) => entry),
      stale: isQuarantined(stored),
    };
  }
}
