import { Inject, Injectable } from '@nestjs/common';
import {
  READ_MODELS,
  type JournalReadModels,
} from '../../read-models/documents/read-model-schemas';
import type { JournalHeader } from '../journal-header/journal-header';
import { JournalQuery } from '../journal-header/journal.query';

/** The journals a teacher is or was assigned to, or substituted in. */
@Injectable()
export class TeacherJournalsQuery {
  constructor(
    @Inject(READ_MODELS) private readonly models: JournalReadModels,
    private readonly journals: JournalQuery,
  ) {}

  /**
   * Newest academic year first, then by journal id. Each header carries the assignment
   * intervals and substitutions: `teachesOn`/`substitutesOn` tell whether they hold on a date.
   */
  async journalsOf(teacherId: string): Promise<JournalHeader[]> {
    const list = await this.models.teacherJournals.findById(teacherId);
    // One small read by _id each: FerretDB 1.x does not push `$in` down to its storage.
    const headers = await Promise.all(
      (list?.journalIds ?? []).map((journalId) => this.journals.header(journalId)),
    );
    return headers
      .filter((header): header is JournalHeader => header !== null)
      .sort((a, b) => compare(b.academicYear, a.academicYear) || compare(a.journalId, b.journalId));
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
