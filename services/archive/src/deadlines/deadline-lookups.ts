import { ensureLookups, type LookupKeys } from '@ejournal/read-store';
import type { FactoryProvider } from '@nestjs/common';
import type { ArchiveConfig } from '../config';
import { RECORDS, type RecordModel } from '../catalogue/record-model';
import { ARCHIVE_CONFIG, CLOCK, type Clock } from '../infrastructure/tokens';
import { DeadlinesQuery } from './deadlines.query';

/** The region's records of a year: `regionId` and `startYear`, both equality. */
export const DEADLINE_LOOKUPS: readonly LookupKeys[] = [
  { collection: 'records', keys: ['regionId', 'startYear'] },
];

/** The deadline view, once its lookup exists (GIN indexes on FerretDB 1.x). */
export const deadlinesProvider: FactoryProvider<DeadlinesQuery> = {
  provide: DeadlinesQuery,
  inject: [RECORDS, ARCHIVE_CONFIG, CLOCK],
  useFactory: async (records: RecordModel, config: ArchiveConfig, clock: Clock) => {
    await ensureLookups(records.db, DEADLINE_LOOKUPS, {
      postgresUrl: config.READ_STORE_POSTGRES_URL,
    });
    return new DeadlinesQuery(records, config, clock);
  },
};
