import type { IdempotencyKey } from '@ejournal/event-store';
import type { EventContext } from '@ejournal/write-path';
import { Inject, Injectable } from '@nestjs/common';
import type { RecordView } from '../catalogue/records.query';
import type { ArchiveConfig } from '../config';
import { ARCHIVE_CONFIG } from '../infrastructure/tokens';
import { ArchiveWrites } from './archive-writes';
import {
  recordRetention,
  retentionStreamId,
  type RetentionCommand,
  type RetentionState,
} from './record-retention.decider';

/** A record's holds and disposal as the API shows them. */
export interface RetentionView {
  recordId: string;
  version: number;
  holds: { holdId: string; reason: string; orderRef: string | null }[];
  released: string[];
  disposal: RetentionState['disposal'];
}

/** Legal holds and disposal of catalogue records, on their `retention-*` streams. */
@Injectable()
export class RecordRetention {
  constructor(
    private readonly writes: ArchiveWrites,
    @Inject(ARCHIVE_CONFIG) private readonly config: ArchiveConfig,
  ) {}

  async standing(recordId: string): Promise<RetentionView> {
    const { state, version } = await this.writes.load(retentionStreamId(recordId), recordRetention);
    return view(recordId, state, version);
  }

  handle(
    record: Pick<RecordView, '_id' | 'schoolId'>,
    command: RetentionCommand,
    context: EventContext,
    idempotency: IdempotencyKey | null = null,
  ): Promise<RetentionView> {
    return this.writes.handle({
      streamId: retentionStreamId(record._id),
      decider: recordRetention,
      tenant: { regionId: this.config.REGION_ID, schoolId: record.schoolId },
      context,
      idempotency,
      command: () => command,
      respond: ({ state, version }) => view(record._id, state, version),
    });
  }
}

function view(recordId: string, state: RetentionState, version: number): RetentionView {
  const holds = Object.entries(state.holds).map(([holdId, hold]) => ({ holdId, ...hold }));
  return { recordId, version, holds, released: state.released, disposal: state.disposal };
}
