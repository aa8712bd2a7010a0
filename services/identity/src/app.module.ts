import { auditModule } from '@ejournal/audit';
import { AuthModule, localJwks } from '@ejournal/auth';
import { todayIn } from '@ejournal/decider';
import { HealthModule, kafkaProbe, postgresProbe } from '@ejournal/health';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { CONTROLLERS, PROVIDERS } from './app.parts';
import type { IdentityConfig } from './config';
import { IdempotentReplies } from './edge/idempotent-replies';
import { identityErrors } from './edge/identity-errors.interceptor';
import { IDENTITY_UNSEEN, identityScopeResolver } from './edge/identity-scope-resolver';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { APP_POOL, CLOCK, IDENTITY_CONFIG, type Clock } from './infrastructure/tokens';
import { KeyRing } from './keys/key-ring';
import { KeysModule } from './keys/keys.module';

export interface AppOptions {
  clock?: () => Date;
}

@Module({})
export class AppModule {
  static forConfig(config: IdentityConfig, options: AppOptions = {}): DynamicModule {
    const regionId = config.IDENTITY_REGION_ID;
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forConfig(config, options.clock),
        CqrsModule.forRoot(),
        KeysModule,
        auditModule('identity', { config: IDENTITY_CONFIG, pool: APP_POOL }),
        AuthModule.forRootAsync({
          imports: [KeysModule],
          inject: [KeyRing, APP_POOL, CLOCK],
          useFactory: (keys: KeyRing, pool: Pool, clock: Clock) => ({
            verifier: {
              keys: localJwks(() => keys.jwks()),
              issuer: config.AUTH_ISSUER,
              audience: config.AUTH_AUDIENCE,
            },
            regionId,
            resolver: identityScopeResolver(pool, regionId, () =>
              todayIn(config.REGION_TIME_ZONE, clock()),
            ),
            unseen: IDENTITY_UNSEEN,
          }),
        }),
        HealthModule.forRoot([
          postgresProbe(config.DATABASE_URL),
          kafkaProbe(config.KAFKA_BROKERS, 'identity'),
        ]),
      ],
      controllers: CONTROLLERS,
      providers: [
        ...PROVIDERS,
        { provide: APP_INTERCEPTOR, useValue: identityErrors },
        { provide: APP_INTERCEPTOR, useClass: IdempotentReplies },
      ],
    };
  }
}
