import type { FactoryProvider } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import type { ArchiveConfig } from '../config';
import { ARCHIVE_CONFIG } from '../infrastructure/tokens';
import { DOCUMENT_SIGNER, type DocumentSigner } from './document-signer';
import { SoftwareDocumentSigner } from './software-signer';
import { TimestampClient } from './timestamp-client';

export const TRUST_ANCHORS = Symbol('TRUST_ANCHORS');
export const TIMESTAMPS = Symbol('TIMESTAMPS');

/** `SIGNING_KEYS_DIR`: the software signer; unset, none (a GOST provider plugs in here). */
export const signerProvider = (
  signer?: DocumentSigner,
): FactoryProvider<DocumentSigner | null> => ({
  provide: DOCUMENT_SIGNER,
  inject: [ARCHIVE_CONFIG],
  useFactory: (config: ArchiveConfig) =>
    signer ??
    (config.SIGNING_KEYS_DIR ? new SoftwareDocumentSigner(config.SIGNING_KEYS_DIR) : null),
});

/** The PEM certificates verification trusts (`SIGNING_TRUST_ANCHORS`, comma-separated files). */
export const trustAnchorsProvider: FactoryProvider<string[]> = {
  provide: TRUST_ANCHORS,
  inject: [ARCHIVE_CONFIG],
  useFactory: (config: ArchiveConfig) =>
    Promise.all(
      (config.SIGNING_TRUST_ANCHORS ?? '')
        .split(',')
        .map((file) => file.trim())
        .filter(Boolean)
        .map((file) => readFile(file, 'utf8')),
    ),
};

export const timestampsProvider: FactoryProvider<TimestampClient | null> = {
  provide: TIMESTAMPS,
  inject: [ARCHIVE_CONFIG],
  useFactory: (config: ArchiveConfig) =>
    config.SIGNING_TSA_URL ? new TimestampClient(config.SIGNING_TSA_URL) : null,
};
