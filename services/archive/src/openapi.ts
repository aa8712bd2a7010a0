import { documentAccess } from '@ejournal/auth';
import { serveOpenApi, type OpenApiOptions } from '@ejournal/http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ARCHIVE_UNSEEN } from './edge/archive-scope-resolver';

export const ARCHIVE_OPENAPI: OpenApiOptions = {
  title: 'ejournal archive',
  version: '1',
  description:
    'Records management (GOST R ISO 15489-1): the catalogue of journals and summary grade ' +
    'sheets with their retention, status, content hash and every action on them, and the ' +
    'integrity of every store’s signed checkpoints; each sealed journal’s and class summary ' +
    'sheet’s year-end PDF with its detached CAdES-BES signatures (`.p7s`, verifiable with ' +
    '`openssl cms -verify`) and their verification. Errors are RFC 9457 problem details ' +
    '(`application/problem+json`) with stable ARCHIVE.*, AUTH.* and HTTP.* codes. An id of a ' +
    'school the caller holds no grant in is answered as an unknown id (404).',
  access: documentAccess({ unseen: ARCHIVE_UNSEEN }),
  tags: {
    records: 'The record catalogue: journals and summary grade sheets per school year',
    integrity: 'Checkpoints of every store kept and checked by the archive',
    documents: 'Year-end documents (PDF) of records, their signatures and verification',
    retention: 'Legal holds on records, and what was disposed of them',
    disposal: 'Disposal acts: drafted, approved, executed by the store that holds the record',
    deadlines: 'Year-end deadline (30 June): journals sealed, printed, signed, overdue',
    audit: 'For auditors: a stream’s history, exports with proofs, keys, checkpoints, the read log',
    health: 'Liveness and readiness probes',
    reference: 'This document and its reference page',
  },
};

/** What the running service adds to the application before it listens. */
export function configureArchiveApp(app: NestFastifyApplication): void {
  serveOpenApi(app, ARCHIVE_OPENAPI);
}
