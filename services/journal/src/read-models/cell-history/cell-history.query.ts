import { Inject, Injectable } from '@nestjs/common';
import { isQuarantined } from '../documents/bookkeeping';
import {
  cellId,
  type CellHistoryEntry,
  type CellHistoryState,
} from '../documents/journal-documents';
import { READ_MODELS, type JournalReadModels, type Stored } from '../documents/read-model-schemas';

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
  constructor(@Inject(READ_MODELS) private readonly models: JournalReadModels) {}

  /** Empty when nothing was ever entered in the cell. */
  async history(journalId: string, lessonId: string, pupilId: string): Promise<CellHistoryDto> {
    const stored = await this.models.histories
      .findById(cellId(journalId, lessonId, pupilId))
      .lean<Stored<CellHistoryState>>();
    return {
      journalId,
      lessonId,
      pupilId,
      entries: (stored?.entries ?? []).map((entry) => ({ ...entry })),
      stale: isQuarantined(stored),
    };
  }
}
