import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';
import { WRITERS } from '../../edge/access';
import { JournalCommand } from '../../edge/command-docs';
import { INVALID_REQUEST, JournalController, OverJournal } from '../../edge/journal-request';
import { CommandRequest, type Request } from '../../edge/request.decorator';
import { column, withMarkIds } from '../../lessons/record-lesson/column.schema';
import { JournalCommands } from '../../write/journal-commands';

const entries = z.strictObject({ entries: column.min(1) });

/** Records marks and attendance in the column of a lesson already held (`RecordEntries`). */
@JournalController('lessons')
export class RecordMarksController {
  constructor(private readonly commands: JournalCommands) {}

  @Post('lessons/:lessonId/entries')
  @JournalCommand(
    'JOURNAL.NOT_ASSIGNED',
    'JOURNAL.LESSON_NOT_FOUND',
    'JOURNAL.LESSON_VOIDED',
    'JOURNAL.PERIOD_CLOSED',
    'JOURNAL.NO_POLICY',
    'JOURNAL.COLUMN_REJECTED',
  )
  @OverJournal(WRITERS)
  @ApiOperation({
    // The operation's id from before this route had its own folder: clients generate by it.
    operationId: 'recordLessonEntries',
    summary: 'Adds marks and attendance to a lesson already held',
  })
  @ApiZodBody(entries)
  record(
    @Param('journalId') journalId: string,
    @Param('lessonId') lessonId: string,
    @Body(zodPipe(entries, INVALID_REQUEST)) body: z.infer<typeof entries>,
    @CommandRequest() request: Request,
  ) {
    const command = {
      type: 'RecordEntries' as const,
      lessonId,
      entries: withMarkIds(body.entries),
    };
    return this.commands.execute(journalId, command, request);
  }
}
