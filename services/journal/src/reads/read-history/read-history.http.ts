import { ApiProblem } from '@ejournal/http';
import { Get, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { READERS } from '../../edge/access';
import { CurrentRequester, type Requester } from '../../edge/caller';
import { JournalController, OverJournal } from '../../edge/journal-request';
import { JournalDirectory } from '../../write/journal-directory';
import { JournalQuery } from '../journal-header/journal.query';
import { assertMayRead } from '../journal-header/read-access';
import { CellHistoryQuery } from './cell-history.query';

@JournalController('grid')
export class ReadHistoryController {
  constructor(
    private readonly histories: CellHistoryQuery,
    private readonly journals: JournalQuery,
    private readonly directory: JournalDirectory,
  ) {}

  @Get('lessons/:lessonId/cells/:pupilId/history')
  @ApiProblem(403, 'JOURNAL.NOT_ASSIGNED')
  @ApiProblem(404, 'JOURNAL.NOT_FOUND', 'JOURNAL.LESSON_NOT_FOUND', 'JOURNAL.PUPIL_NOT_FOUND')
  @OverJournal(READERS)
  @ApiOperation({
    summary: 'A cell’s history: who, when, what, why, authorised by whom, under which policy',
    description:
      '404 JOURNAL.LESSON_NOT_FOUND for a lesson not of this journal; 404 ' +
      'JOURNAL.PUPIL_NOT_FOUND for a pupil with no entry who was not on its roster that day.',
  })
  async history(
    @Param('journalId') journalId: string,
    @Param('lessonId') lessonId: string,
    @Param('pupilId') pupilId: string,
    @CurrentRequester() requester: Requester,
  ) {
    const [header, place] = await Promise.all([
      this.journals.header(journalId),
      this.directory.find(journalId),
    ]);
    const journal = assertMayRead(requester, header, place?.classId ?? null);
    return this.histories.history(journal, lessonId, pupilId);
  }
}
