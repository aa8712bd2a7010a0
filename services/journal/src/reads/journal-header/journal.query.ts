import { journalStreamId } from '@ejournal/contracts';
import { Inject, Injectable } from '@nestjs/common';
import {
  READ_MODELS,
  type JournalReadModels,
} from '../../read-models/documents/read-model-schemas';
import { headerOfStored, type JournalHeader } from './journal-header';

/** A journal's header by id: for showing it and for authorising reads of it. */
@Injectable()
export class JournalQuery {
  constructor(@Inject(READ_MODELS) private readonly models: JournalReadModels) {}

  /** Null when no such journal was opened (or the read models have not caught up yet). */
  async header(journalId: string): Promise<JournalHeader | null> {
    const stored = await this.models.journals.findById(journalId);
    return stored ? headerOfStored(stored, journalStreamId(journalId)) : null;
  }
}
