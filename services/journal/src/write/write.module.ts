import { journalRegistry } from '@ejournal/contracts';
import type { EventStore } from '@ejournal/event-store';
import { WritePath } from '@ejournal/write-path';
import { Module } from '@nestjs/common';
import { FactsModule } from '../facts/facts.module';
import { CLOCK, EVENT_STORE, type Clock } from '../infrastructure/tokens';
import { CommandFactsLoader } from './command-facts';
import { JournalCommands } from './journal-commands';
import { JournalDirectory } from './journal-directory';
import { JournalSummaryMarksService } from './journal-summary-marks';
import { StreamStates } from './stream-states';
import { SummaryCommands } from './summary-commands';

/** The write side: streams' states, facts for the deciders, the one write path. */
@Module({
  imports: [FactsModule],
  providers: [
    StreamStates,
    {
      provide: WritePath,
      inject: [EVENT_STORE, CLOCK, StreamStates],
      useFactory: (store: EventStore, clock: Clock, states: StreamStates) =>
        new WritePath({ store, clock, registry: journalRegistry, states }),
    },
    CommandFactsLoader,
    JournalDirectory,
    JournalCommands,
    SummaryCommands,
    JournalSummaryMarksService,
  ],
  exports: [
    StreamStates,
    JournalDirectory,
    JournalCommands,
    SummaryCommands,
    JournalSummaryMarksService,
    FactsModule,
  ],
})
export class WriteModule {}
