import { archiveRegistry } from '@ejournal/contracts';
import { PostgresEventStore } from '@ejournal/event-store';
import { WritePath } from '@ejournal/write-path';
import type { FactoryProvider } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL, CLOCK, type Clock } from '../infrastructure/tokens';

/** The archive's own event store, where every retention and disposal step is recorded. */
export const ARCHIVE_STORE = Symbol('ARCHIVE_STORE');

/** Decide and append on the archive's store, with its version checks and retries. */
export class ArchiveWrites extends WritePath {}

export const archiveStoreProvider: FactoryProvider<PostgresEventStore> = {
  provide: ARCHIVE_STORE,
  inject: [APP_POOL],
  useFactory: (pool: Pool) => new PostgresEventStore({ pool, schemas: archiveRegistry }),
};

export const archiveWritesProvider: FactoryProvider<ArchiveWrites> = {
  provide: ArchiveWrites,
  inject: [ARCHIVE_STORE, CLOCK],
  useFactory: (store: PostgresEventStore, clock: Clock) =>
    new ArchiveWrites({ store, clock, registry: archiveRegistry }),
};
