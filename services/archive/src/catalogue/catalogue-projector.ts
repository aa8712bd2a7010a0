import type { RecordedEvent, RecordedJournalEvent } from '@ejournal/contracts';
import { applyOnce, quarantineStream, type ApplyResult } from '@ejournal/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { RECORDS, type RecordModel } from './record-model';
import { recordUpdate } from './record-update';

/** Applies the journal's events to the catalogue, once per stream version. */
@Injectable()
export class CatalogueProjector {
  constructor(@Inject(RECORDS) private readonly records: RecordModel) {}

  async apply(event: RecordedEvent): Promise<ApplyResult | 'ignored'> {
    const change = recordUpdate(event as RecordedJournalEvent);
    if (!change) return 'ignored';
    return applyOnce(this.records, change.documentId, event, change.update);
  }

  /** A dead-lettered event: its record is marked stale with the reason until rebuilt. */
  quarantine(streamId: string, reason: string): Promise<number> {
    return quarantineStream(this.records, streamId, reason);
  }
}
