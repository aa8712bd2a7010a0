import { AuthModule, remoteJwks } from '@ejournal/auth';
import { HealthModule, kafkaProbe, mongoProbe, postgresProbe } from '@ejournal/health';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { Pool } from 'pg';
import { AsyncApiController } from './asyncapi/asyncapi.http';
import type { DiaryConfig } from './config';
import { DiaryAccess } from './edge/diary-access';
import { DiaryCommandReplies } from './edge/diary-command';
import { DIARY_UNSEEN, diaryScopeResolver } from './edge/diary-scope-resolver';
import { ReadLog } from './edge/read-log';
import { DiaryFacts } from './facts/diary-facts';
import { FactsModule } from './facts/facts.module';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { APP_POOL } from './infrastructure/tokens';
import { Wakeups } from './infrastructure/wakeups';
import { LiveStreams } from './inbox/live-streams';
import { MyNotificationsController } from './inbox/my-notifications.http';
import { NotificationInbox } from './inbox/notification-inbox';
import { NotificationStreamController } from './inbox/notification-stream.http';
import { DiaryConsumers } from './journal-events/diary-consumers';
import { JournalProjector } from './journal-events/journal-projector';
import { NotificationRelay } from './notifications/notification-relay';
import { PreferencesStore } from './preferences/preferences-store';
import { PreferencesController } from './preferences/preferences.http';
import { DiaryDocuments } from './read-models/diary-documents';
import { DocumentWriter } from './read-models/document-writer';
import { PlanningHorizon } from './planning/planning-horizon';
import { MyPupilsController } from './reads/my-pupils/my-pupils.http';
import { ReadMarksController } from './reads/read-marks/read-marks.http';
import { ReadWeekController } from './reads/read-week/read-week.http';
import { DeadLettersController } from './webhooks/dead-letters/dead-letters.http';
import { RegisterWebhookController } from './webhooks/register-webhook/register-webhook.http';
import { RotateSecretController } from './webhooks/register-webhook/rotate-secret.http';
import { WebhookAccess } from './webhooks/webhook-access';
import { WebhookEndpoints } from './webhooks/webhook-endpoints';
import { WebhookSecrets } from './webhooks/webhook-secrets';
import { WebhookTargets } from './webhooks/webhook-targets';
import { WebhookFanOut } from './webhooks/webhook-fan-out';
import { WebhookQueue } from './webhooks/webhook-queue';
import { WebhookSender } from './webhooks/webhook-sender';

export interface AppOptions {
  clock?: () => Date;
  /** Tests verify tokens against keys they hold instead of identity's JWKS. */
  jwks?: ReturnType<typeof remoteJwks>;
}

/** Facts in, documents written, notifications relayed and delivered, the diary read. */
const PROVIDERS = [
  Wakeups,
  DiaryDocuments,
  JournalProjector,
  DiaryConsumers,
  DocumentWriter,
  PlanningHorizon,
  NotificationRelay,
  ReadLog,
  DiaryAccess,
  PreferencesStore,
  NotificationInbox,
  LiveStreams,
  WebhookEndpoints,
  WebhookAccess,
  WebhookQueue,
  WebhookFanOut,
  WebhookSender,
];

@Module({})
export class AppModule {
  static forConfig(config: DiaryConfig, options: AppOptions = {}): DynamicModule {
    const clock = options.clock ?? (() => new Date());
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forConfig(config, clock),
        FactsModule,
        AuthModule.forRootAsync({
          imports: [FactsModule],
          inject: [DiaryFacts, APP_POOL],
          useFactory: (facts: DiaryFacts, pool: Pool) => ({
            verifier: {
              keys: options.jwks ?? remoteJwks(config.AUTH_JWKS_URL),
              issuer: config.AUTH_ISSUER,
              audience: config.AUTH_AUDIENCE,
            },
            regionId: config.REGION_ID,
            unseen: DIARY_UNSEEN,
            resolver: diaryScopeResolver(
              {
                readerFacts: (pupilId, at, guardianId) =>
                  facts.readerFacts(pupilId, at, guardianId),
                schoolsOfWebhook: async (id) =>
                  (await new WebhookEndpoints(pool, new WebhookSecrets(undefined)).find(id))
                    ?.schoolIds ?? null,
              },
              config.REGION_ID,
              clock,
            ),
          }),
        }),
        HealthModule.forRoot([
          postgresProbe(config.DATABASE_URL),
          kafkaProbe(config.KAFKA_BROKERS, 'diary'),
          mongoProbe(config.MONGO_URL),
        ]),
      ],
      controllers: [
        ReadWeekController,
        ReadMarksController,
        MyPupilsController,
        MyNotificationsController,
        NotificationStreamController,
        PreferencesController,
        RegisterWebhookController,
        RotateSecretController,
        DeadLettersController,
        AsyncApiController,
      ],
      providers: [
        ...PROVIDERS,
        { provide: APP_INTERCEPTOR, useClass: DiaryCommandReplies },
        {
          provide: WebhookTargets,
          useFactory: () => new WebhookTargets(config.WEBHOOK_ALLOWED_NETWORKS),
        },
        { provide: WebhookSecrets, useFactory: () => new WebhookSecrets(config.DIARY_SECRETS_KEY) },
      ],
      exports: PROVIDERS,
    };
  }
}
