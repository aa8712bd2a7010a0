import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import mongoose, { type Connection } from 'mongoose';
import type { JournalConfig } from '../config';
import { openJournalDatabase, type JournalDatabase } from './journal-database';
import { APP_POOL, APP_URL, CLOCK, EVENT_STORE, JOURNAL_CONFIG, MONGO } from './tokens';

const DATABASE = Symbol('JOURNAL_DATABASE');

/** Configuration, the database (migrated at start), the event store, the read-model store, the clock. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly database: JournalDatabase,
    @Inject(MONGO) private readonly mongo: Connection,
  ) {}

  static forConfig(config: JournalConfig, clock: () => Date = () => new Date()): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: JOURNAL_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        {
          provide: DATABASE,
          useFactory: () => openJournalDatabase(config.DATABASE_URL, config.DATABASE_APP_PASSWORD),
        },
        { provide: APP_POOL, inject: [DATABASE], useFactory: (db: JournalDatabase) => db.pool },
        { provide: APP_URL, inject: [DATABASE], useFactory: (db: JournalDatabase) => db.appUrl },
        { provide: EVENT_STORE, inject: [DATABASE], useFactory: (db: JournalDatabase) => db.store },
        {
          provide: MONGO,
          useFactory: () =>
            mongoose.createConnection(config.MONGO_URL, { maxPoolSize: 40 }).asPromise(),
        },
      ],
      exports: [JOURNAL_CONFIG, CLOCK, APP_POOL, APP_URL, EVENT_STORE, MONGO],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.mongo.close();
    await this.database.close();
  }
}
