import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { z } from 'zod';
import { WRITERS } from '../../edge/access';
import { INVALID_REQUEST, JournalController, OverJournal } from '../../edge/journal-request';
import { CommandRequest, type Request } from '../../edge/request.decorator';
import { JournalSummaryMarksService } from '../../write/journal-summary-marks';
import { journalMarks } from '../summary.schema';
import { SummaryCommand, sheetsAnswer } from '../../edge/command-docs';

@JournalController('summary')
export class SetSummaryMarksController {
  constructor(private readonly marks: JournalSummaryMarksService) {}

  @Post('summary-marks')
  @SummaryCommand(
    sheetsAnswer,
    'JOURNAL.FORBIDDEN',
    'JOURNAL.NOT_FOUND',
    'JOURNAL.NOT_ASSIGNED',
    'JOURNAL.UNKNOWN_CLASS',
    'JOURNAL.PERIOD_CLOSED',
    'JOURNAL.PERIOD_NOT_ALLOWED',
    'JOURNAL.PERIOD_REQUIRED',
    'JOURNAL.SUBJECT_MISMATCH',
    'JOURNAL.MARK_OUT_OF_SCALE',
    'JOURNAL.EMPTY_COLUMN',
    'JOURNAL.PUPIL_NOT_ENROLLED',
  )
  @OverJournal(WRITERS)
  @ApiOperation({
    summary: 'Sets period or year marks from the journal on its pupils’ class summary sheets',
    description: 'Kept 25 years in `summary-{schoolId}-{startYear}-{classId}` streams.',
  })
  @ApiZodBody(journalMarks)
  set(
    @Param('journalId') journalId: string,
    @Body(zodPipe(journalMarks, INVALID_REQUEST)) body: z.infer<typeof journalMarks>,
    @CommandRequest() request: Request,
  ) {
    return this.marks.set(journalId, body, request);
  }
}
