import { LessonHeldV1 } from '@ejournal/contracts';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { z } from 'zod';
import { WRITERS } from '../../edge/access';
import { INVALID_REQUEST, JournalController, OverJournal } from '../../edge/journal-request';
import { CommandRequest, type Request } from '../../edge/request.decorator';
import { JournalCommands } from '../../write/journal-commands';
import { authorisation } from '../correction.schema';
import { JournalCommand } from '../../edge/command-docs';

const edit = authorisation.extend(LessonHeldV1.data.pick({ topic: true, homework: true }).shape);

@JournalController('corrections')
export class CorrectLessonsController {
  constructor(private readonly commands: JournalCommands) {}

  @Post('lessons/:lessonId/edit')
  @JournalCommand(
    'JOURNAL.NOT_AUTHOR',
    'JOURNAL.CORRECTION_WINDOW_CLOSED',
    'JOURNAL.LESSON_NOT_FOUND',
    'JOURNAL.LESSON_VOIDED',
    'JOURNAL.PERIOD_CLOSED',
    'JOURNAL.ORDER_REQUIRED',
    'JOURNAL.NOTHING_TO_CORRECT',
    'JOURNAL.HOMEWORK_DUE_BEFORE_LESSON',
  )
  @OverJournal(WRITERS)
  @ApiOperation({ summary: 'Replaces a lesson’s topic or homework by a new event' })
  @ApiZodBody(edit)
  edit(
    @Param('journalId') journalId: string,
    @Param('lessonId') lessonId: string,
    @Body(zodPipe(edit, INVALID_REQUEST)) body: z.infer<typeof edit>,
    @CommandRequest() request: Request,
  ) {
    return this.commands.execute(journalId, { type: 'EditLesson', lessonId, ...body }, request);
  }

  @Post('lessons/:lessonId/voiding')
  @JournalCommand(
    'JOURNAL.NOT_AUTHOR',
    'JOURNAL.CORRECTION_WINDOW_CLOSED',
    'JOURNAL.LESSON_NOT_FOUND',
    'JOURNAL.LESSON_VOIDED',
    'JOURNAL.PERIOD_CLOSED',
    'JOURNAL.ORDER_REQUIRED',
  )
  @OverJournal(WRITERS)
  @ApiOperation({
    summary: 'Voids a lesson entered by mistake (the wrong date); its entries stop counting',
  })
  @ApiZodBody(authorisation)
  void(
    @Param('journalId') journalId: string,
    @Param('lessonId') lessonId: string,
    @Body(zodPipe(authorisation, INVALID_REQUEST)) body: z.infer<typeof authorisation>,
    @CommandRequest() request: Request,
  ) {
    return this.commands.execute(journalId, { type: 'VoidLesson', lessonId, ...body }, request);
  }
}
