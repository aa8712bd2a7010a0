import { journalStreamId } from '@ejournal/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { IDENTITY_FACTS, type IdentityFacts } from '../../facts/identity-facts.port';
import { versionOf } from '../../read-models/documents/bookkeeping';
import { decodeColumn } from '../../read-models/documents/column-codec';
import type { ColumnState } from '../../read-models/documents/journal-documents';
import {
  READ_MODELS,
  type JournalReadModels,
} from '../../read-models/documents/read-model-schemas';
import { headerOfStored, type JournalHeader } from '../journal-header/journal-header';
import { assembleGrid } from './assemble-grid';
import { ColumnCache } from './column-cache';
import type { GridDto, GridOptions } from './grid.dto';

/** The journal's grid as the read models hold it now. */
@Injectable()
export class GridQuery {
  private readonly cache = new ColumnCache();

  constructor(
    @Inject(READ_MODELS) private readonly models: JournalReadModels,
    @Inject(IDENTITY_FACTS) private readonly facts: IdentityFacts,
  ) {}

  /**
   * Null when no such journal was opened. Throws `JOURNAL.UNKNOWN_PERIOD` (not found) for a
   * period the school's calendar does not have. The header is read first (by `_id`); its
   * version finds the columns in the {@link ColumnCache}, or else they are read by the
   * `journalId` equality key (~170 a year) and kept for the next read. Either way they are cut
   * to the period in memory.
   */
  async grid(journalId: string, options: GridOptions = {}): Promise<GridDto | null> {
    const streamId = journalStreamId(journalId);
    const stored = await this.models.journals.findById(journalId);
    if (!stored) return null;
    const header = headerOfStored(stored, streamId);
    const columns = this.cache.get(header) ?? (await this.columns(header, streamId));
    return assembleGrid(this.facts, header, columns, options);
  }

  private async columns(header: JournalHeader, streamId: string): Promise<ColumnState[]> {
    const { journalId } = header;
    const stored = await this.models.columns.find({ journalId });
    const columns = stored.map(decodeColumn);
    const versions = stored.map((column) => versionOf(column, streamId));
    this.cache.offer(header, columns, versions);
    return columns;
  }
}
