import { newEventId } from '@ejournal/contracts';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';
import { WRITERS } from '../../edge/access';
import { INVALID_REQUEST, JournalController, OverJournal } from '../../edge/journal-request';
import { CommandRequest, type Request } from '../../edge/request.decorator';
import { JournalCommands } from '../../write/journal-commands';
import { lesson, withMarkIds } from './column.schema';
import { JournalCommand } from '../../edge/command-docs';

@JournalController('lessons')
export class RecordLessonController {
  constructor(private readonly commands: JournalCommands) {}

  @Post('lessons')
  @JournalCommand(
    'JOURNAL.NOT_ASSIGNED',
    'JOURNAL.LESSON_EXISTS',
    'JOURNAL.SLOT_TAKEN',
    'JOURNAL.PERIOD_CLOSED',
    'JOURNAL.NO_CALENDAR',
    'JOURNAL.NO_POLICY',
    'JOURNAL.DATE_IN_FUTURE',
    'JOURNAL.DATE_OUTSIDE_PERIODS',
    'JOURNAL.DATE_OUTSIDE_YEAR',
    'JOURNAL.HOMEWORK_DUE_BEFORE_LESSON',
    'JOURNAL.COLUMN_REJECTED',
  )
  @OverJournal(WRITERS)
  @ApiOperation({
    summary: 'Records a lesson held with its whole column of marks and attendance, all or nothing',
    description:
      'One event per mark and attendance entry in a single append. A refused column lists every ' +
      'refused pupil under `entries`. Send an Idempotency-Key: a retry returns the first answer.',
  })
  @ApiZodBody(lesson)
  record(
    @Param('journalId') journalId: string,
    @Body(zodPipe(lesson, INVALID_REQUEST)) body: z.infer<typeof lesson>,
    @CommandRequest() request: Request,
  ) {
    const command = {
      type: 'RecordLesson' as const,
      ...body,
      lessonId: body.lessonId ?? newEventId(),
      entries: withMarkIds(body.entries),
    };
    return this.commands.execute(journalId, command, request);
  }
}
