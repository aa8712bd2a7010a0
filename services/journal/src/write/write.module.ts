import { Module } from '@nestjs/common';
import { FactsModule } from '../facts/facts.module';
import { CommandFactsLoader } from './command-facts';
import { CommandRunner } from './command-runner';
import { ExecuteJournalCommandHandler } from './journal-command.handler';
import { JournalCommands } from './journal-commands';
import { JournalDirectory } from './journal-directory';
import { JournalSummaryMarksService } from './journal-summary-marks';
import { SummaryCommands } from './summary-commands';
import { StreamStates } from './stream-states';

/** The write side: streams' states, facts for the deciders, the one write path. */
@Module({
  imports: [FactsModule],
  providers: [
    StreamStates,
    CommandRunner,
    CommandFactsLoader,
    JournalDirectory,
    JournalCommands,
    ExecuteJournalCommandHandler,
    SummaryCommands,
    JournalSummaryMarksService,
  ],
  exports: [
    StreamStates,
    CommandRunner,
    CommandFactsLoader,
    JournalDirectory,
    SummaryCommands,
    JournalSummaryMarksService,
    FactsModule,
  ],
})
export class WriteModule {}
