import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';
import { AUTHORISERS, MANAGERS } from '../../edge/access';
import { INVALID_REQUEST, JournalController, OverJournal } from '../../edge/journal-request';
import { CommandRequest, type Request } from '../../edge/request.decorator';
import { authorisation } from '../../corrections/correction.schema';
import { JournalCommands } from '../../write/journal-commands';
import { JournalCommand } from '../../edge/command-docs';

const period = z.coerce.number().int().min(1).max(4);

@JournalController('periods')
export class ClosePeriodsController {
  constructor(private readonly commands: JournalCommands) {}

  @Post('periods/:period/closing')
  @JournalCommand('JOURNAL.PERIOD_ALREADY_CLOSED', 'JOURNAL.UNKNOWN_PERIOD', 'JOURNAL.NO_CALENDAR')
  @OverJournal(MANAGERS)
  @ApiOperation({ summary: 'Closes a period: its entries change only after a reopening' })
  close(
    @Param('journalId') journalId: string,
    @Param('period', zodPipe(period, INVALID_REQUEST)) period: number,
    @CommandRequest() request: Request,
  ) {
    return this.commands.execute(journalId, { type: 'ClosePeriod', period }, request);
  }

  @Post('periods/:period/reopening')
  @JournalCommand('JOURNAL.PERIOD_NOT_CLOSED', 'JOURNAL.UNKNOWN_PERIOD', 'JOURNAL.ORDER_REQUIRED')
  @OverJournal(AUTHORISERS)
  @ApiOperation({ summary: 'Reopens a closed period, authorised by the head or a deputy head' })
  @ApiZodBody(authorisation)
  reopen(
    @Param('journalId') journalId: string,
    @Param('period', zodPipe(period, INVALID_REQUEST)) period: number,
    @Body(zodPipe(authorisation, INVALID_REQUEST)) body: z.infer<typeof authorisation>,
    @CommandRequest() request: Request,
  ) {
    return this.commands.execute(journalId, { type: 'ReopenPeriod', period, ...body }, request);
  }

  @Post('sealing')
  @JournalCommand('JOURNAL.PERIODS_OPEN')
  @OverJournal(MANAGERS)
  @ApiOperation({ summary: 'Seals the journal at year end; it rejects everything after' })
  seal(@Param('journalId') journalId: string, @CommandRequest() request: Request) {
    return this.commands.execute(journalId, { type: 'SealJournal' }, request);
  }
}
