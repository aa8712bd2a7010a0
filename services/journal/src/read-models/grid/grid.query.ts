import { journalStreamId } from '@ejournal/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { IDENTITY_FACTS, type IdentityFacts } from '../../facts/identity-facts.port';
import type { ColumnState, JournalState } from '../documents/journal-documents';
import { READ_MODELS, type JournalReadModels, type Stored } from '../documents/read-model-schemas';
import { headerOfStored } from '../journals/journal-header';
import { assembleGrid } from './assemble-grid';
import type { GridDto, GridOptions } from './grid.dto';

/** The journal's grid as the read models hold it now. */
@Injectable()
export class GridQuery {
  constructor(
    @Inject(READ_MODELS) private readonly models: JournalReadModels,
    @Inject(IDENTITY_FACTS) private readonly facts: IdentityFacts,
  ) {}

  /**
   * Null when no such journal was opened. Throws `JOURNAL.UNKNOWN_PERIOD` (not found) for a
   * period the school's calendar does not have. The columns are found by the `journalId`
   * equality key (~170 a year) and cut to the period in memory.
   */
  async grid(journalId: string, options: GridOptions = {}): Promise<GridDto | null> {
    const [stored, columns] = await Promise.all([
      this.models.journals.findById(journalId).lean<Stored<JournalState>>(),
      this.models.columns.find({ journalId }).lean<Stored<ColumnState>[]>(),
    ]);
    if (!stored) return null;
    return assembleGrid(
      this.facts,
      headerOfStored(stored, journalStreamId(journalId)),
      columns,
      options,
    );
  }
}
