import { ServiceTokenClient } from '@ejournal/auth';
import { archiveRegistry } from '@ejournal/contracts';
import { openDocumentStore, type DocumentStore } from '@ejournal/document-store';
import { PostgresEventStore } from '@ejournal/event-store';
import type { Pool } from 'pg';
import type { ArchiveConfig } from '../config';
import { APP_POOL, ARCHIVE_CONFIG } from '../infrastructure/tokens';
import type { DocumentSigner } from '../signing/document-signer';
import { DocumentSigning } from '../signing/document-signing';
import {
  signerProvider,
  timestampsProvider,
  trustAnchorsProvider,
} from '../signing/signing-providers';
import { DocumentWorker } from './generation/document-worker';
import {
  IdentityPeopleDirectory,
  PEOPLE_DIRECTORY,
  type PeopleDirectory,
} from './generation/people-directory';
import { RecordDocumentController } from './http/record-document.http';
import { DocumentSources } from './sources/document-sources';
import { documentSourcesConsumer } from './sources/document-sources-consumer';
import { DOCUMENT_EVENTS_STORE, DOCUMENT_STORE } from './tokens';

export interface DocumentsOptions {
  /** Another signing provider (a GOST R 34.10-2012 CSP or HSM) instead of the software keys. */
  signer?: DocumentSigner;
  /** Tests and the bench: names from elsewhere than identity's API. */
  people?: PeopleDirectory;
  /** Tests: a document store of their own. */
  documents?: DocumentStore;
}

const unconfigured: PeopleDirectory = {
  names: () =>
    Promise.reject(new Error('ARCHIVE_CLIENT_SECRET is not configured: no names from identity')),
};

/** Year-end documents and their signatures; needs the catalogue's `RECORDS` and `RecordsQuery`. */
export function documentsProviders(options: DocumentsOptions = {}) {
  return [
    {
      provide: DOCUMENT_STORE,
      inject: [ARCHIVE_CONFIG],
      useFactory: (config: ArchiveConfig) => options.documents ?? openDocumentStore(config),
    },
    {
      provide: DOCUMENT_EVENTS_STORE,
      inject: [APP_POOL],
      useFactory: (pool: Pool) => new PostgresEventStore({ pool, schemas: archiveRegistry }),
    },
    {
      provide: PEOPLE_DIRECTORY,
      inject: [ARCHIVE_CONFIG],
      useFactory: (config: ArchiveConfig): PeopleDirectory => {
        if (options.people) return options.people;
        if (!config.ARCHIVE_CLIENT_SECRET) return unconfigured;
        const tokens = new ServiceTokenClient({
          tokenUrl: config.SERVICE_TOKEN_URL,
          clientId: config.ARCHIVE_CLIENT_ID,
          clientSecret: config.ARCHIVE_CLIENT_SECRET,
        });
        return new IdentityPeopleDirectory(config.IDENTITY_URL, tokens);
      },
    },
    signerProvider(options.signer),
    trustAnchorsProvider,
    timestampsProvider,
    DocumentSources,
    documentSourcesConsumer,
    DocumentWorker,
    DocumentSigning,
  ];
}

export const DOCUMENTS_CONTROLLERS = [RecordDocumentController];
