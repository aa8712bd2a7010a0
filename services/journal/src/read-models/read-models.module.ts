import { Module } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { FactsModule } from '../facts/facts.module';
import { MONGO } from '../infrastructure/tokens';
import { AsOfQuery } from '../reads/read-grid/as-of.query';
import { CellHistoryQuery } from '../reads/read-history/cell-history.query';
import { openReadModels, READ_MODELS } from './documents/read-model-schemas';
import { GridQuery } from '../reads/read-grid/grid.query';
import { JournalQuery } from '../reads/journal-header/journal.query';
import { TeacherJournalsQuery } from '../reads/read-journals/teacher-journals.query';
import { JournalProjector } from './projector/journal-projector';
import { ProjectionWaiter } from './projector/projection-waiter';

const QUERIES = [GridQuery, AsOfQuery, CellHistoryQuery, TeacherJournalsQuery, JournalQuery];

/**
 * The journal's read side: the projector (started at bootstrap, stopped at shutdown), the
 * waiter for read-your-writes, the queries. Needs MONGO and EVENT_STORE (InfrastructureModule)
 * and IDENTITY_FACTS (the facts module the application imports).
 */
@Module({
  imports: [FactsModule],
  providers: [
    {
      provide: READ_MODELS,
      inject: [MONGO],
      useFactory: (mongo: Connection) => openReadModels(mongo),
    },
    ProjectionWaiter,
    JournalProjector,
    ...QUERIES,
  ],
  exports: [...QUERIES, ProjectionWaiter, JournalProjector],
})
export class ReadModelsModule {}
