import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import mongoose, { type Connection } from 'mongoose';
import type { DiaryConfig } from '../config';
import { openDiaryDatabase, type DiaryDatabase } from './diary-database';
import { APP_POOL, CLOCK, DIARY_CONFIG, MONGO } from './tokens';

const DATABASE = Symbol('DIARY_DATABASE');

/** Configuration, the diary's database (migrated at start), the read store, the clock. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly database: DiaryDatabase,
    @Inject(MONGO) private readonly mongo: Connection,
  ) {}

  static forConfig(config: DiaryConfig, clock: () => Date = () => new Date()): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: DIARY_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        {
          provide: DATABASE,
          useFactory: () => openDiaryDatabase(config.DATABASE_URL, config.DATABASE_APP_PASSWORD),
        },
        { provide: APP_POOL, inject: [DATABASE], useFactory: (db: DiaryDatabase) => db.pool },
        {
          provide: MONGO,
          useFactory: () =>
            mongoose.createConnection(config.MONGO_URL, { maxPoolSize: 20 }).asPromise(),
        },
      ],
      exports: [DIARY_CONFIG, CLOCK, APP_POOL, MONGO],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.mongo.close();
    await this.database.close();
  }
}
