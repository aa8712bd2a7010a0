import { auditModule } from '@ejournal/audit';
import { AuthModule, remoteJwks } from '@ejournal/auth';
import { HealthModule, kafkaProbe, mongoProbe, postgresProbe } from '@ejournal/health';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CONTROLLERS, PROVIDERS } from './app.parts';
import type { JournalConfig } from './config';
import { DisposalModule } from './disposal/disposal.module';
import { JOURNAL_UNSEEN, journalScopeResolver } from './edge/journal-scope-resolver';
import { journalErrors } from './edge/journal-errors.interceptor';
import { IDENTITY_FACTS, type IdentityFacts } from './facts/identity-facts.port';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { APP_POOL, JOURNAL_CONFIG } from './infrastructure/tokens';
import { PlanningModule } from './planning/planning.module';
import { ReadModelsModule } from './read-models';
import { JournalDirectory } from './write/journal-directory';
import { WriteModule } from './write/write.module';

export interface AppOptions {
  clock?: () => Date;
  /** Tests verify tokens against keys they hold instead of identity's JWKS. */
  jwks?: ReturnType<typeof remoteJwks>;
}

@Module({})
export class AppModule {
  static forConfig(config: JournalConfig, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forConfig(config, options.clock),
        WriteModule,
        ReadModelsModule,
        PlanningModule,
        DisposalModule,
        auditModule('journal', { config: JOURNAL_CONFIG, pool: APP_POOL }),
        AuthModule.forRootAsync({
          imports: [WriteModule],
          inject: [JournalDirectory, IDENTITY_FACTS],
          useFactory: (directory: JournalDirectory, facts: IdentityFacts) => ({
            verifier: {
              keys: options.jwks ?? remoteJwks(config.AUTH_JWKS_URL),
              issuer: config.AUTH_ISSUER,
              audience: config.AUTH_AUDIENCE,
            },
            regionId: config.REGION_ID,
            resolver: journalScopeResolver(directory, facts, config.REGION_ID),
            unseen: JOURNAL_UNSEEN,
          }),
        }),
        HealthModule.forRoot([
          postgresProbe(config.DATABASE_URL),
          kafkaProbe(config.KAFKA_BROKERS, 'journal'),
          mongoProbe(config.MONGO_URL),
        ]),
      ],
      controllers: CONTROLLERS,
      providers: [...PROVIDERS, { provide: APP_INTERCEPTOR, useValue: journalErrors }],
    };
  }
}
