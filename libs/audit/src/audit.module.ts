import { isAppRoleUrl, migrateEventStore } from '@ejournal/event-store';
import type { DynamicModule, InjectionToken } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import path from 'node:path';
import type { Pool } from 'pg';
import { AuditController } from './audit.controller';
import { AUDIT_POOL, AUDIT_SERVICE } from './audit-tokens';
import { AuditorReadLog } from './auditor-read-log';
import { AuditorReadsInterceptor } from './auditor-reads.interceptor';

/** `libs/audit/migrations`, from the sources and from the compiled `dist/` alike. */
export const AUDIT_MIGRATIONS = path.resolve(__dirname, '../migrations');

/** The service's configuration (its migrating `DATABASE_URL`) and its application pool. */
export interface AuditTokens {
  config: InjectionToken;
  pool: InjectionToken;
}

/**
 * The auditor's API over a service's own store (`/audit/*`: history, export with proofs, keys,
 * checkpoints, proofs, the read log) and the log of every auditor read, mounted by each
 * service that owns a store: `auditModule('journal', { config: JOURNAL_CONFIG, pool: APP_POOL })`.
 */
export function auditModule(service: string, tokens: AuditTokens): DynamicModule {
  return {
    module: AuditModule,
    controllers: [AuditController],
    providers: [
      { provide: AUDIT_SERVICE, useValue: service },
      {
        provide: AUDIT_POOL,
        inject: [tokens.config, tokens.pool],
        // The read log's table is migrated with the service's own, by its migrating user; a
        // service given the application role's URL migrates nothing (its migration Job does).
        useFactory: async (config: { DATABASE_URL: string }, pool: Pool) => {
          if (!isAppRoleUrl(config.DATABASE_URL)) {
            await migrateEventStore(config.DATABASE_URL, { migrationsDir: AUDIT_MIGRATIONS });
          }
          return pool;
        },
      },
      {
        provide: AuditorReadLog,
        inject: [AUDIT_POOL],
        useFactory: (pool: Pool) => new AuditorReadLog(pool),
      },
      { provide: APP_INTERCEPTOR, useClass: AuditorReadsInterceptor },
    ],
  };
}

class AuditModule {}
