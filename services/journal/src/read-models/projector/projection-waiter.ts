import { ProjectionWaiter as Waiter } from '@ejournal/write-path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { versionOf } from '../documents/bookkeeping';
import { READ_MODELS, type JournalReadModels } from '../documents/read-model-schemas';
import { journalIdOf } from '../projection/journal-event';

/**
 * The journal's read models are caught up to its header's stored version: the header is the
 * last document a batch writes, so its version covers every document.
 */
@Injectable()
export class ProjectionWaiter extends Waiter {
  constructor(@Inject(READ_MODELS) private readonly models: JournalReadModels) {
    super(new Logger('journal-read-models'));
  }

  protected async storedVersion(streamId: string): Promise<number> {
    const header = await this.models.journals.findFields(journalIdOf(streamId), { versions: 1 });
    return versionOf(header, streamId);
  }
}
