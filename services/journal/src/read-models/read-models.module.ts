import { Logger, Module } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { FactsModule } from '../facts/facts.module';
import type { JournalConfig } from '../config';
import { JOURNAL_CONFIG, MONGO } from '../infrastructure/tokens';
import { AsOfQuery } from '../reads/read-grid/as-of.query';
import { CellHistoryQuery } from '../reads/read-history/cell-history.query';
import { openReadModels, READ_MODELS } from './documents/read-model-schemas';
import type { LookupsReport } from '@ejournal/read-store';
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
      inject: [MONGO, JOURNAL_CONFIG],
      useFactory: async (mongo: Connection, config: JournalConfig) => {
        const { models, lookups } = await openReadModels(mongo, config.READ_STORE_POSTGRES_URL);
        reportLookups(lookups);
        return models;
      },
    },
    ProjectionWaiter,
    JournalProjector,
    ...QUERIES,
  ],
  exports: [...QUERIES, ProjectionWaiter, JournalProjector, READ_MODELS],
})
export class ReadModelsModule {}

/** What the read store's lookups rest on, and what an operator must do when they would scan. */
function reportLookups(lookups: LookupsReport): void {
  const logger = new Logger('journal-read-models');
  const created = lookups.indexes.filter((index) => index.created).map((index) => index.index);
  logger.log({ message: 'lookup indexes in place', server: lookups.kind, created });
  if (lookups.planCacheMode === 'missing') {
    logger.warn({
      message:
        'READ_STORE_POSTGRES_URL is not set: on FerretDB 1.x every lookup scans its collection',
    });
  } else if (lookups.planCacheMode === 'set' || lookups.planCacheMode === 'refused') {
    logger.warn({
      message:
        lookups.planCacheMode === 'set'
          ? "plan_cache_mode set on FerretDB's database: restart FerretDB so its connections use it"
          : "could not set plan_cache_mode = force_custom_plan on FerretDB's database: an operator must",
    });
  }
}
