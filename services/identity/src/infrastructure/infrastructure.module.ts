import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { IdentityConfig } from '../config';
import { openIdentityDatabase, type IdentityDatabase } from './identity-database';
import { APP_POOL, APP_URL, CLOCK, EVENT_STORE, IDENTITY_CONFIG } from './tokens';

const DATABASE = Symbol('IDENTITY_DATABASE');

/** Configuration, the database (migrated at start), the event store and the clock. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly database: IdentityDatabase) {}

  static forConfig(config: IdentityConfig, clock: () => Date = () => new Date()): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: IDENTITY_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        {
          provide: DATABASE,
          useFactory: () => openIdentityDatabase(config.DATABASE_URL, config.DATABASE_APP_PASSWORD),
        },
        { provide: APP_POOL, inject: [DATABASE], useFactory: (db: IdentityDatabase) => db.pool },
        {
          provide: EVENT_STORE,
          inject: [DATABASE],
          useFactory: (db: IdentityDatabase) => db.store,
        },
        { provide: APP_URL, inject: [DATABASE], useFactory: (db: IdentityDatabase) => db.appUrl },
      ],
      exports: [IDENTITY_CONFIG, CLOCK, APP_POOL, EVENT_STORE, APP_URL],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
