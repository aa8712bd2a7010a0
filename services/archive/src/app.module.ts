import { auditModule } from '@ejournal/audit';
import { AuthModule, remoteJwks } from '@ejournal/auth';
import { HealthModule, kafkaProbe, mongoProbe, postgresProbe } from '@ejournal/health';
import { integrityRunner } from '@ejournal/integrity-runner';
import { DynamicModule, Module } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { catalogueConsumer } from './catalogue/catalogue-consumer';
import { CatalogueProjector } from './catalogue/catalogue-projector';
import { ReadRecordsController } from './catalogue/read-records.http';
import { openRecords, RECORDS } from './catalogue/record-model';
import { RecordsQuery } from './catalogue/records.query';
import type { ArchiveConfig } from './config';
import {
  DOCUMENTS_CONTROLLERS,
  documentsProviders,
  type DocumentsOptions,
} from './documents/documents.providers';
import { deadlinesProvider } from './deadlines/deadline-lookups';
import { DeadlinesController } from './deadlines/deadlines.http';
import { RETENTION_CONTROLLERS, retentionProviders } from './disposal/disposal.providers';
import type { TokenSource } from './disposal/stream-disposer';
import { ARCHIVE_UNSEEN, archiveScopeResolver } from './edge/archive-scope-resolver';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { APP_POOL, APP_URL, ARCHIVE_CONFIG, MONGO } from './infrastructure/tokens';
import { CheckpointConsumer } from './integrity/checkpoint-consumer';
import { CheckpointKeeper } from './integrity/checkpoint-keeper';
import { IntegrityAlarm } from './integrity/integrity-alarm';
import { IntegrityStatusController } from './integrity/integrity-status.http';
import { IntegrityStatusQuery } from './integrity/integrity-status.query';
import { CheckpointKeysQuery } from './integrity/checkpoint-keys.query';

export interface AppOptions {
  clock?: () => Date;
  /** Tests verify tokens against keys they hold instead of identity's JWKS. */
  jwks?: ReturnType<typeof remoteJwks>;
  /** Year-end documents: another signer, names source or document store (tests, bench). */
  documents?: DocumentsOptions;
  /** Tests: the token disposal acts call the journal with (identity's client credentials otherwise). */
  disposalToken?: TokenSource;
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
        auditModule('archive', { config: ARCHIVE_CONFIG, pool: APP_POOL }),
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
      controllers: [
        ReadRecordsController,
        IntegrityStatusController,
        ...RETENTION_CONTROLLERS,
        DeadlinesController,
        ...DOCUMENTS_CONTROLLERS,
      ],
      providers: [
        CatalogueProjector,
        catalogueConsumer,
        IntegrityAlarm,
        CheckpointKeeper,
        CheckpointConsumer,
        IntegrityStatusQuery,
        CheckpointKeysQuery,
        integrityRunner('archive', { config: ARCHIVE_CONFIG, pool: APP_POOL, url: APP_URL }),
        ...retentionProviders(options.disposalToken),
        deadlinesProvider,
        ...documentsProviders(options.documents),
      ],
    };
  }
}
