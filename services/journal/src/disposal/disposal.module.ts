import { Module } from '@nestjs/common';
import { survivingConnectionLoss } from '@ejournal/event-store';
import { Pool } from 'pg';
import type { JournalConfig } from '../config';
import { APP_POOL, JOURNAL_CONFIG } from '../infrastructure/tokens';
import { DisposeStreamController } from './dispose-stream.http';
import { ensureDisposerLogin } from './disposer-login';
import { StreamDisposal } from './stream-disposal';

/** Disposal acts of the archive carried out on the journal's store, as its disposal login. */
@Module({
  controllers: [DisposeStreamController],
  providers: [
    {
      provide: StreamDisposal,
      // After APP_POOL: the store's migrations (and so its disposal role) come first.
      inject: [JOURNAL_CONFIG, APP_POOL],
      useFactory: (config: JournalConfig) =>
        new StreamDisposal(async () => {
          const url =
            config.DISPOSAL_DATABASE_URL ??
            (await ensureDisposerLogin(config.DATABASE_URL, config.DATABASE_APP_PASSWORD));
          return survivingConnectionLoss(
            new Pool({ connectionString: url, max: 2, idleTimeoutMillis: 30_000 }),
          );
        }),
    },
  ],
})
export class DisposalModule {}
