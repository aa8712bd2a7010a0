import { markValue } from '@ejournal/contracts';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { z } from 'zod';
import { WRITERS } from '../../edge/access';
import { INVALID_REQUEST, JournalController, OverJournal } from '../../edge/journal-request';
import { CommandRequest, type Request } from '../../edge/request.decorator';
import { JournalCommands } from '../../write/journal-commands';
import { authorisation, revision } from '../correction.schema';
import { JournalCommand } from '../../edge/command-docs';

const correction = authorisation.extend({ value: markValue, expectedCellRevision: revision });
const revocation = authorisation.extend({ expectedCellRevision: revision });

@JournalController('corrections')
export class CorrectMarksController {
  constructor(private readonly commands: JournalCommands) {}

  @Post('marks/:markId/correction')
  @JournalCommand(
    'JOURNAL.NOT_AUTHOR',
    'JOURNAL.CORRECTION_WINDOW_CLOSED',
    'JOURNAL.MARK_NOT_FOUND',
    'JOURNAL.CELL_CHANGED',
    'JOURNAL.MARK_REVOKED',
    'JOURNAL.LESSON_VOIDED',
    'JOURNAL.PERIOD_CLOSED',
    'JOURNAL.ORDER_REQUIRED',
    'JOURNAL.NOTHING_TO_CORRECT',
    'JOURNAL.MARK_OUT_OF_SCALE',
  )
  @OverJournal(WRITERS)
  @ApiOperation({
    summary: 'Corrects a mark by a new event (from → to, reason)',
    description:
      'Its author may correct within the school’s window; after it, or once the period is ' +
      'closed, a deputy head or head authorises with an order reference. 409 ' +
      'JOURNAL.CELL_CHANGED when the cell changed since `expectedCellRevision`.',
  })
  @ApiZodBody(correction)
  correct(
    @Param('journalId') journalId: string,
    @Param('markId') markId: string,
    @Body(zodPipe(correction, INVALID_REQUEST)) body: z.infer<typeof correction>,
    @CommandRequest() request: Request,
  ) {
    return this.commands.execute(journalId, { type: 'CorrectMark', markId, ...body }, request);
  }

  @Post('marks/:markId/revocation')
  @JournalCommand(
    'JOURNAL.NOT_AUTHOR',
    'JOURNAL.CORRECTION_WINDOW_CLOSED',
    'JOURNAL.MARK_NOT_FOUND',
    'JOURNAL.CELL_CHANGED',
    'JOURNAL.MARK_REVOKED',
    'JOURNAL.PERIOD_CLOSED',
    'JOURNAL.ORDER_REQUIRED',
  )
  @OverJournal(WRITERS)
  @ApiOperation({ summary: 'Revokes a mark entered by mistake; the cell keeps its history' })
  @ApiZodBody(revocation)
  revoke(
    @Param('journalId') journalId: string,
    @Param('markId') markId: string,
    @Body(zodPipe(revocation, INVALID_REQUEST)) body: z.infer<typeof revocation>,
    @CommandRequest() request: Request,
  ) {
    return this.commands.execute(journalId, { type: 'RevokeMark', markId, ...body }, request);
  }
}
