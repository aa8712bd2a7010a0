import { journalStreamId } from '@ejournal/contracts';
import { Inject, Injectable } from '@nestjs/common';
import {
  READ_MODELS,
  type JournalReadModels,
} from '../../read-models/documents/read-model-schemas';
import { headerOfStored, type JournalHeader } from '../journal-header/journal-header';

/**
 * Every journal opened in a school, by `schoolId` (an equality key of JOURNAL_LOOKUPS: an index
 * on MongoDB, a GIN index on FerretDB), of one academic year or of all: newest year first, then
 * by group, subject and id, so a head reads them class by class.
 */
@Injectable()
export class SchoolJournalListQuery {
  constructor(@Inject(READ_MODELS) private readonly models: JournalReadModels) {}

  async journalsOf(schoolId: string, academicYear?: string): Promise<JournalHeader[]> {
    const stored = await this.models.journals.find({ schoolId });
    return stored
      .filter((journal) => academicYear === undefined || journal.academicYear === academicYear)
      .map((journal) => headerOfStored(journal, journalStreamId(journal._id)))
      .sort(
        (a, b) =>
          compare(b.academicYear, a.academicYear) ||
          compare(a.groupId, b.groupId) ||
          compare(a.subjectId ?? '', b.subjectId ?? '') ||
          compare(a.journalId, b.journalId),
      );
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
