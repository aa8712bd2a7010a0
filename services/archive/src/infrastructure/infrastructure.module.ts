import type { ServiceStore } from '@ejournal/event-store';
import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import mongoose, { type Connection } from 'mongoose';
import type { ArchiveConfig } from '../config';
import { openArchiveDatabase } from './archive-database';
import { APP_POOL, APP_URL, ARCHIVE_CONFIG, CLOCK, MONGO } from './tokens';

const DATABASE = Symbol('ARCHIVE_DATABASE');

/** Configuration, the database (migrated at start), the catalogue's store, the clock. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly database: ServiceStore,
    @Inject(MONGO) private readonly mongo: Connection,
  ) {}

  static forConfig(config: ArchiveConfig, clock: () => Date = () => new Date()): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: ARCHIVE_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        {
          provide: DATABASE,
          useFactory: () => openArchiveDatabase(config.DATABASE_URL, config.DATABASE_APP_PASSWORD),
        },
        { provide: APP_POOL, inject: [DATABASE], useFactory: (db: ServiceStore) => db.pool },
        { provide: APP_URL, inject: [DATABASE], useFactory: (db: ServiceStore) => db.appUrl },
        {
          provide: MONGO,
          useFactory: () =>
            mongoose.createConnection(config.MONGO_URL, { maxPoolSize: 10 }).asPromise(),
        },
      ],
      exports: [ARCHIVE_CONFIG, CLOCK, APP_POOL, APP_URL, MONGO],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.mongo.close();
    await this.database.close();
  }
}
