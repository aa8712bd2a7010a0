import { journalRegistry } from '@ejournal/contracts';
import type { EventStore } from '@ejournal/event-store';
import { WritePath } from '@ejournal/write-path';
import { Module } from '@nestjs/common';
import type { Connection } from 'mongoose';
import type { JournalConfig } from '../config';
import { CLOCK, EVENT_STORE, JOURNAL_CONFIG, MONGO, type Clock } from '../infrastructure/tokens';
import { ReadModelsModule } from '../read-models';
import { StreamStates } from '../write/stream-states';
import { WriteModule } from '../write/write.module';
import { CompletionController } from './completion/completion.http';
import { COMPLETION_MODELS, openCompletionModels } from './completion/completion-documents';
import { CompletionProjector } from './completion/completion-projector';
import { CompletionSources } from './completion/completion-sources';
import { CompletionQuery } from './completion/completion.query';
import { RegionCompletionQuery } from './completion/region-completion.query';
import { ImportTimetableController } from './imports/import-timetable.http';
import { TimetableImporter } from './imports/timetable-importer';
import { JournalPlanController } from './journal-plan/journal-plan.http';
import { PlannedColumnsQuery } from './reads/planned-columns.query';
import { PlanningStates } from './reads/planning-states';
import { SchoolCalendars } from './reads/school-calendars';
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
    SchoolCalendars,
    PlannedColumnsQuery,
    SchoolJournalsQuery,
    TimetableImporter,
    // Programme completion kept per journal and school year by its own projection.
    {
      provide: COMPLETION_MODELS,
      inject: [MONGO, JOURNAL_CONFIG],
      useFactory: (mongo: Connection, config: JournalConfig) =>
        openCompletionModels(mongo, config.READ_STORE_POSTGRES_URL),
    },
    CompletionSources,
    CompletionProjector,
    CompletionQuery,
    RegionCompletionQuery,
  ],
  exports: [PlannedColumnsQuery],
})
export class PlanningModule {}
