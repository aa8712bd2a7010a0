import { journalStreamId } from '@ejournal/contracts';
import type { EventStore } from '@ejournal/event-store';
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE } from '../../infrastructure/tokens';
import { isQuarantined, versionOf } from '../../read-models/documents/bookkeeping';
import type { JournalState } from '../../read-models/documents/journal-documents';
import type { Stored } from '../../read-models/documents/read-model';
import {
  READ_MODELS,
  type JournalReadModels,
} from '../../read-models/documents/read-model-schemas';
import { headerOfStored, type JournalHeader } from './journal-header';

/** Headers kept (~400 bytes each): a region's journals of a year are ~27,000. */
const KEPT = 30_000;

/**
 * A journal's header by id: for showing it and for authorising reads of it. A header read
 * before is kept with the journal's version it includes and answered again while the event
 * store holds no later event of the journal: one indexed PostgreSQL read instead of a read
 * store round trip (FerretDB's costs several times more). The read model changes only by
 * projecting the journal's events, so a later event is the only thing that can make a kept
 * header old; then, and for a journal waiting for its rebuild, it is read again.
 */
@Injectable()
export class JournalQuery {
  private readonly kept = new Map<string, Stored<JournalState>>();

  constructor(
    @Inject(READ_MODELS) private readonly models: JournalReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /**
   * Null when no such journal was opened (or the read models have not caught up yet).
   * `storeVersion`: the journal stream's last version, read by the caller just now for many
   * journals at once (`EventStore.streamVersions`); a kept header that far along is served
   * without a read of its own.
   */
  async header(journalId: string, storeVersion?: number): Promise<JournalHeader | null> {
    const stored = await this.stored(journalId, storeVersion);
    return stored ? headerOfStored(stored, journalStreamId(journalId)) : null;
  }

  /** The header document as the read models hold it (shared: never changed by a reader). */
  async stored(journalId: string, storeVersion?: number): Promise<Stored<JournalState> | null> {
    const streamId = journalStreamId(journalId);
    const kept = this.kept.get(journalId);
    if (kept && storeVersion !== undefined && versionOf(kept, streamId) >= storeVersion) {
      return kept;
    }
    if (kept) {
      const from = versionOf(kept, streamId) + 1;
      const later = await this.store.readStream(streamId, { from, limit: 1 });
      if (later.length === 0) return kept;
    }
    const stored = await this.models.journals.findById(journalId);
    this.keep(journalId, stored);
    return stored;
  }

  private keep(journalId: string, stored: Stored<JournalState> | null): void {
    this.kept.delete(journalId);
    if (!stored || isQuarantined(stored)) return;
    if (this.kept.size >= KEPT) {
      const oldest = this.kept.keys().next().value;
      if (oldest !== undefined) this.kept.delete(oldest);
    }
    this.kept.set(journalId, stored);
  }
}
