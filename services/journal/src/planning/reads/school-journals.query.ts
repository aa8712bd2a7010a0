import { Inject, Injectable } from '@nestjs/common';
import {
  READ_MODELS,
  type JournalReadModels,
} from '../../read-models/documents/read-model-schemas';
import { headerOfStored, type JournalHeader } from '../../reads/journal-header/journal-header';

/**
 * The journals of a school: what completion reports and imports go through, by `schoolId`,
 * one of the equality keys the read models declare (JOURNAL_LOOKUPS: an index on MongoDB, a
 * GIN index on FerretDB, kept by the rebuild too).
 */
@Injectable()
export class SchoolJournalsQuery {
  constructor(@Inject(READ_MODELS) private readonly models: JournalReadModels) {}

  async journalsOf(schoolId: string, academicYear: string): Promise<JournalHeader[]> {
    const stored = await this.models.journals.find({ schoolId });
    return stored
      .filter((journal) => journal.academicYear === academicYear)
      .map((journal) => headerOfStored(journal, `journal-${journal._id}`));
  }
}
