import { journalStreamId } from '@ejournal/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { IDENTITY_FACTS, type IdentityFacts } from '../../facts/identity-facts.port';
import { versionOf } from '../../read-models/documents/bookkeeping';
import { decodeColumn } from '../../read-models/documents/column-codec';
import type { ColumnState, JournalState } from '../../read-models/documents/journal-documents';
import type { Stored } from '../../read-models/documents/read-model';
import {
  READ_MODELS,
  type JournalReadModels,
} from '../../read-models/documents/read-model-schemas';
import { headerOfStored, type JournalHeader } from '../journal-header/journal-header';
import { assembleGrid } from './assemble-grid';
import { ColumnCache } from './column-cache';
import { GridAnswers, type GridAnswer } from './grid-answers';
import type { GridDto, GridOptions } from './grid.dto';

const READ_ATTEMPTS = 5;

/** A journal's header as stored and as shown, with the facts' revision read beside it. */
export interface GridSource {
  stored: Stored<JournalState>;
  header: JournalHeader;
  factsRevision: number;
}
const RETRY_MS = 20;

/** The journal's grid as the read models hold it now. */
@Injectable()
export class GridQuery {
  private readonly cache = new ColumnCache();
  private readonly answers = new GridAnswers();

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
    const read = await this.read(journalId, options);
    return read && read.grid;
  }

  /**
   * What an answer is keyed by: the journal's header document (by `_id`, unless the caller
   * reads it: `header`, e.g. JournalQuery's kept one) and the identity facts' revision, read
   * together. Null when no such journal was opened.
   */
  async source(
    journalId: string,
    header: Promise<Stored<JournalState> | null> = this.models.journals.findById(journalId),
  ): Promise<GridSource | null> {
    const [stored, factsRevision] = await Promise.all([header, this.facts.revision()]);
    return stored
      ? { stored, header: headerOfStored(stored, journalStreamId(journalId)), factsRevision }
      : null;
  }

  /** The grid serialized, with an ETag naming exactly it (see {@link answerOf}). */
  async answer(journalId: string, options: GridOptions = {}): Promise<GridAnswer | null> {
    const source = await this.source(journalId);
    return source && this.answerOf(source, options);
  }

  /**
   * From GridAnswers when the header's version and the facts' revision are those it was built
   * with, else built and kept (only a read that is exactly the header's state is kept).
   */
  async answerOf(source: GridSource, options: GridOptions = {}): Promise<GridAnswer | null> {
    const { stored, header, factsRevision } = source;
    const { journalId } = header;
    const key = GridAnswers.keyOf({
      journalId,
      version: header.version,
      factsRevision,
      period: options.period ?? null,
      includeVoided: options.includeVoided ?? false,
    });
    const cached = header.stale || header.version === 0 ? null : this.answers.get(key);
    if (cached) return cached;
    const read = await this.read(journalId, options, stored);
    if (!read) return null;
    const json = JSON.stringify(read.grid);
    if (!read.exact || read.header.version !== header.version) {
      return { body: Buffer.from(json), etag: `W/"${header.version}-${factsRevision}"` };
    }
    return this.answers.keep(key, json);
  }

  /**
   * The journal's columns at the header's version: the ones kept for it ({@link ColumnCache}),
   * e.g. by the grid read just before, or else read by the `journalId` key (and kept if exact).
   */
  async columnsAt(header: JournalHeader): Promise<readonly ColumnState[]> {
    return this.cache.get(header) ?? this.columns(header, journalStreamId(header.journalId));
  }

  private async read(
    journalId: string,
    options: GridOptions,
    first?: Stored<JournalState>,
  ): Promise<{ grid: GridDto; header: JournalHeader; exact: boolean } | null> {
    const streamId = journalStreamId(journalId);
    for (let attempt = 1; ; attempt += 1) {
      const stored =
        attempt === 1 && first ? first : await this.models.journals.findById(journalId);
      if (!stored) return null;
      const header = headerOfStored(stored, streamId);
      const columns = this.cache.get(header) ?? (await this.columns(header, streamId));
      // Fewer columns than the header counts: read while a rebuild switched its collections in
      // (or a journal's rebuild rewrote them). Read again rather than answer a partial grid.
      const lessons = columns.filter((column) => !column.voided).length;
      const exact = lessons === header.lessonCount && !header.stale;
      if (lessons >= header.lessonCount || attempt === READ_ATTEMPTS) {
        const grid = await assembleGrid(this.facts, header, columns, options);
        return { grid, header, exact };
      }
      await sleep(RETRY_MS * attempt);
    }
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
