import type { ArchiveConfig } from '../config';
import { ARCHIVE_CONFIG } from '../infrastructure/tokens';
import { archiveStoreProvider, archiveWritesProvider } from '../retention/archive-writes';
import { LegalHoldsController } from '../retention/legal-holds.http';
import { RecordRetention } from '../retention/record-retention';
import { DisposalActs } from './disposal-acts';
import { DisposalActsController } from './disposal-acts.http';
import {
  clientCredentials,
  OwningServiceDisposer,
  STREAM_DISPOSER,
  type TokenSource,
} from './stream-disposer';

/** How the archive authenticates to the journal; tests give a token of their own. */
export const DISPOSAL_TOKEN = Symbol('DISPOSAL_TOKEN');

/**
 * Retention and disposal: legal holds, disposal acts and their execution. Needs the
 * catalogue's `RecordsQuery` from the importing module.
 */
export function retentionProviders(token?: TokenSource) {
  return [
    archiveStoreProvider,
    archiveWritesProvider,
    RecordRetention,
    DisposalActs,
    {
      provide: DISPOSAL_TOKEN,
      inject: [ARCHIVE_CONFIG],
      useFactory: (config: ArchiveConfig): TokenSource =>
        token ??
        clientCredentials({
          tokenUrl: config.SERVICE_TOKEN_URL,
          clientId: config.ARCHIVE_CLIENT_ID,
          clientSecret: config.ARCHIVE_CLIENT_SECRET,
        }),
    },
    {
      provide: STREAM_DISPOSER,
      inject: [ARCHIVE_CONFIG, DISPOSAL_TOKEN],
      useFactory: (config: ArchiveConfig, source: TokenSource) =>
        new OwningServiceDisposer(config.JOURNAL_URL, source),
    },
  ];
}

export const RETENTION_CONTROLLERS = [LegalHoldsController, DisposalActsController];
