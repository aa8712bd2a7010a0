import { CORRECTED_ATTENDANCE } from '@ejournal/contracts';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';
import { WRITERS } from '../../edge/access';
import { INVALID_REQUEST, JournalController, OverJournal } from '../../edge/journal-request';
import { CommandRequest, type Request } from '../../edge/request.decorator';
import { JournalCommands } from '../../write/journal-commands';
import { authorisation, revision } from '../correction.schema';
import { JournalCommand } from '../../edge/command-docs';

const correction = authorisation.extend({
  to: z.enum(CORRECTED_ATTENDANCE),
  expectedCellRevision: revision,
});

@JournalController('corrections')
export class CorrectAttendanceController {
  constructor(private readonly commands: JournalCommands) {}

  @Post('lessons/:lessonId/attendance/:pupilId/correction')
  @JournalCommand(
    'JOURNAL.NOT_AUTHOR',
    'JOURNAL.CORRECTION_WINDOW_CLOSED',
    'JOURNAL.ATTENDANCE_NOT_FOUND',
    'JOURNAL.LESSON_NOT_FOUND',
    'JOURNAL.CELL_CHANGED',
    'JOURNAL.LESSON_VOIDED',
    'JOURNAL.PERIOD_CLOSED',
    'JOURNAL.ORDER_REQUIRED',
    'JOURNAL.NOTHING_TO_CORRECT',
  )
  @OverJournal(WRITERS)
  @ApiOperation({
    summary: 'Corrects attendance (absent → excused after a doctor’s note; present clears it)',
  })
  @ApiZodBody(correction)
  correct(
    @Param('journalId') journalId: string,
    @Param('lessonId') lessonId: string,
    @Param('pupilId') pupilId: string,
    @Body(zodPipe(correction, INVALID_REQUEST)) body: z.infer<typeof correction>,
    @CommandRequest() request: Request,
  ) {
    const command = { type: 'CorrectAttendance' as const, lessonId, pupilId, ...body };
    return this.commands.execute(journalId, command, request);
  }
}
