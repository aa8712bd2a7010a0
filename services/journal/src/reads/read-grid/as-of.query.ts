import { journalStreamId } from '@ejournal/contracts';
import type { EventStore } from '@ejournal/event-store';
import { Inject, Injectable } from '@nestjs/common';
import { IDENTITY_FACTS, type IdentityFacts } from '../../facts/identity-facts.port';
import { EVENT_STORE } from '../../infrastructure/tokens';
import type { ColumnState, JournalState } from '../../read-models/documents/journal-documents';
import { assembleGrid } from './assemble-grid';
import type { GridDto, GridOptions } from './grid.dto';
import { toJournalHeader } from '../journal-header/journal-header';
import { foldJournal } from '../../read-models/projection/fold-journal';

/**
 * The grid exactly as the record stood at an instant: the stream's events recorded at or
 * before it, folded in memory through the live projection logic, answered as the same DTO as
 * the live grid. One read of the stream; linear in its events (a year is ~5,000).
 */
@Injectable()
export class AsOfQuery {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(IDENTITY_FACTS) private readonly facts: IdentityFacts,
  ) {}

  /** Null when the journal had not been opened by then. */
  async gridAsOf(
    journalId: string,
    instant: Date,
    options: GridOptions = {},
  ): Promise<GridDto | null> {
    const streamId = journalStreamId(journalId);
    const events = await this.store.readStream(streamId, { asOf: instant });
    const { documents, version } = foldJournal(streamId, events, [
      'cell_history',
      'teacher_journals',
    ]);
    const journal = documents.get<JournalState>('journals', journalId);
    if (!journal) return null;
    const columns = documents.docsOf<ColumnState>('grid_columns');
    return assembleGrid(this.facts, toJournalHeader(journal, version, false), columns, options);
  }
}
