import { journalRegistry } from '@ejournal/contracts';
import type { EventStore } from '@ejournal/event-store';
import { WritePath } from '@ejournal/write-path';
import { Module } from '@nestjs/common';
import { CLOCK, EVENT_STORE, type Clock } from '../infrastructure/tokens';
import { ReadModelsModule } from '../read-models';
import { StreamStates } from '../write/stream-states';
import { WriteModule } from '../write/write.module';
import { CompletionController } from './completion/completion.http';
import { CompletionQuery } from './completion/completion.query';
import { ImportTimetableController } from './imports/import-timetable.http';
import { TimetableImporter } from './imports/timetable-importer';
import { JournalPlanController } from './journal-plan/journal-plan.http';
import { PlannedColumnsQuery } from './reads/planned-columns.query';
import { PlanningStates } from './reads/planning-states';
import { SchoolJournalsQuery } from './reads/school-journals.query';
import { ReadPlanController } from './school-year/read-plan.http';
import { SetPlanController } from './school-year/set-plan.http';
import { TeacherDayController } from './teacher-day/teacher-day.http';
import { PlanningCommands } from './write/planning-commands';
import { PlanningFactsLoader } from './write/planning-facts';

/**
 * The school year planned (issue 21): curriculum, bells, timetable and its changes, thematic
 * plans, the journal's planned columns and programme completion. Its own streams in the
 * journal's store (`planning-*`, `thematic-*`), through the journal's one write path.
 */
@Module({
  imports: [WriteModule, ReadModelsModule],
  controllers: [
    SetPlanController,
    ImportTimetableController,
    ReadPlanController,
    JournalPlanController,
    TeacherDayController,
    CompletionController,
  ],
  providers: [
    // The planning streams' own write path (its own queue per stream), on the journal's store
    // and stream states: journal commands keep theirs.
    {
      provide: WritePath,
      inject: [EVENT_STORE, CLOCK, StreamStates],
      useFactory: (store: EventStore, clock: Clock, states: StreamStates) =>
        new WritePath({ store, clock, registry: journalRegistry, states }),
    },
    PlanningFactsLoader,
    PlanningCommands,
    PlanningStates,
    PlannedColumnsQuery,
    SchoolJournalsQuery,
    TimetableImporter,
    CompletionQuery,
  ],
  exports: [PlannedColumnsQuery],
})
export class PlanningModule {}
