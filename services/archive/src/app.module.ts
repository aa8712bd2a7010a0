import { AuthModule, remoteJwks } from '@ejournal/auth';
import { HealthModule, kafkaProbe, mongoProbe, postgresProbe } from '@ejournal/health';
import { integrityRunner } from '@ejournal/integrity-runner';
import { DynamicModule, Module } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { CatalogueConsumer } from './catalogue/catalogue-consumer';
import { CatalogueProjector } from './catalogue/catalogue-projector';
import { ReadRecordsController } from './catalogue/read-records.http';
import { openRecords, RECORDS } from './catalogue/record-model';
import { RecordsQuery } from './catalogue/records.query';
import type { ArchiveConfig } from './config';
import { ARCHIVE_UNSEEN, archiveScopeResolver } from './edge/archive-scope-resolver';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { APP_POOL, APP_URL, ARCHIVE_CONFIG, MONGO } from './infrastructure/tokens';
import { CheckpointConsumer } from './integrity/checkpoint-consumer';
import { CheckpointKeeper } from './integrity/checkpoint-keeper';
import { IntegrityAlarm } from './integrity/integrity-alarm';
import { IntegrityStatusController } from './integrity/integrity-status.http';
import { IntegrityStatusQuery } from './integrity/integrity-status.query';

export interface AppOptions {
  clock?: () => Date;
  /** Tests verify tokens against keys they hold instead of identity's JWKS. */
  jwks?: ReturnType<typeof remoteJwks>;
}

/** The catalogue's store with its lookups, and its reads (the scope resolver places records). */
@Module({
  providers: [
    {
      provide: RECORDS,
      inject: [MONGO, ARCHIVE_CONFIG],
      useFactory: async (mongo: Connection, config: ArchiveConfig) =>
        (await openRecords(mongo, config.READ_STORE_POSTGRES_URL)).records,
    },
    RecordsQuery,
  ],
  exports: [RECORDS, RecordsQuery],
})
class CatalogueModule {}

@Module({})
export class AppModule {
  static forConfig(config: ArchiveConfig, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forConfig(config, options.clock),
        CatalogueModule,
        AuthModule.forRootAsync({
          imports: [CatalogueModule],
          inject: [RecordsQuery],
          useFactory: (records: RecordsQuery) => ({
            verifier: {
              keys: options.jwks ?? remoteJwks(config.AUTH_JWKS_URL),
              issuer: config.AUTH_ISSUER,
              audience: config.AUTH_AUDIENCE,
            },
            regionId: config.REGION_ID,
            resolver: archiveScopeResolver(records, config.REGION_ID),
            unseen: ARCHIVE_UNSEEN,
          }),
        }),
        HealthModule.forRoot([
          postgresProbe(config.DATABASE_URL),
          kafkaProbe(config.KAFKA_BROKERS, 'archive'),
          mongoProbe(config.MONGO_URL),
        ]),
      ],
      controllers: [ReadRecordsController, IntegrityStatusController],
      providers: [
        CatalogueProjector,
        CatalogueConsumer,
        IntegrityAlarm,
        CheckpointKeeper,
        CheckpointConsumer,
        IntegrityStatusQuery,
        integrityRunner('archive', { config: ARCHIVE_CONFIG, pool: APP_POOL, url: APP_URL }),
      ],
    };
  }
}
