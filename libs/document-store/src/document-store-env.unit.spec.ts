import { ConfigError, loadConfig } from '@ejournal/config';
import { z } from 'zod';
import { documentStoreEnv, documentStoreFromEnv } from './document-store-env';
import { FilesystemDocumentStore } from './filesystem/filesystem-document-store';
import { S3DocumentStore } from './s3/s3-document-store';

const configOf = (env: Record<string, string>) => loadConfig(z.object(documentStoreEnv), env);

describe('documentStoreFromEnv', () => {
  it('is the filesystem store by default, rooted at DOCUMENT_STORE_DIR', () => {
    const store = documentStoreFromEnv(configOf({ DOCUMENT_STORE_DIR: '/srv/documents' }));

    expect(store).toBeInstanceOf(FilesystemDocumentStore);
    expect((store as FilesystemDocumentStore).rootDir).toBe('/srv/documents');
  });

  it('is the S3 store with DOCUMENT_STORE=s3, its bucket, prefix and lock mode', () => {
    const store = documentStoreFromEnv(
      configOf({
        DOCUMENT_STORE: 's3',
        S3_ENDPOINT: 'http://127.0.0.1:27070',
        S3_BUCKET: 'ejournal-documents',
        S3_PREFIX: 'archive/',
        S3_LOCK_MODE: 'GOVERNANCE',
        S3_ACCESS_KEY_ID: 'key',
        S3_SECRET_ACCESS_KEY: 'secret',
      }),
    );

    expect(store).toBeInstanceOf(S3DocumentStore);
    expect((store as S3DocumentStore).bucket).toBe('ejournal-documents');
    expect((store as S3DocumentStore).keyOf('ab')).toBe('archive/sha256/ab');
  });

  it('names what is missing or malformed, never echoing a value', () => {
    expect(() => documentStoreFromEnv(configOf({ DOCUMENT_STORE: 's3' }))).toThrow(
      'S3_BUCKET: is required when DOCUMENT_STORE=s3',
    );
    expect(() =>
      documentStoreFromEnv(
        configOf({ DOCUMENT_STORE: 's3', S3_BUCKET: 'b-1', S3_ACCESS_KEY_ID: 'only-the-key' }),
      ),
    ).toThrow(ConfigError);
    expect(() => configOf({ S3_LOCK_MODE: 'LEGAL_HOLD' })).toThrow(/S3_LOCK_MODE/);
    expect(() => configOf({ DOCUMENT_STORE: 'nfs' })).toThrow(/DOCUMENT_STORE/);
  });
});
