export { documentRef, isDocumentRef, refDigest, sha256Hex } from './document-ref';
export type {
  DocumentMeta,
  DocumentStore,
  DocumentVerification,
  StoredDocument,
} from './document-store.port';
export {
  DocumentCorruptedError,
  DocumentNotFoundError,
  DocumentStoreConfigError,
  DocumentStoreError,
  InvalidDocumentRefError,
} from './errors';
export { FilesystemDocumentStore } from './filesystem/filesystem-document-store';
export {
  documentStoreEnv,
  documentStoreFromEnv,
  openDocumentStore,
  s3ClientFromEnv,
  type DocumentStoreConfig,
} from './document-store-env';
export { assertObjectLock, ensureLockedBucket, type ObjectLockMode } from './s3/s3-bucket';
export { S3DocumentStore, type S3DocumentStoreOptions } from './s3/s3-document-store';
