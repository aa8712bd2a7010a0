import { documentAccess } from '@ejournal/auth';
import { serveOpenApi, type OpenApiOptions } from '@ejournal/http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JOURNAL_UNSEEN } from './edge/journal-scope-resolver';

export const JOURNAL_OPENAPI: OpenApiOptions = {
  title: 'ejournal journal',
  version: '1',
  description:
    'The e-journal of every activity kind: journals, lessons, marks, attendance, homework, ' +
    'corrections by new events, periods, summary marks, the grid and its history "as of" any ' +
    'instant. Errors are RFC 9457 problem details (`application/problem+json`) with stable ' +
    'JOURNAL.*, AUTH.* and HTTP.* codes, listed under each response. An id of a school the ' +
    'caller holds no grant in is answered as an unknown id (404 JOURNAL.NOT_FOUND for a ' +
    'journal). Every command requires an Idempotency-Key header (428 without it) and answers ' +
    'with the stream version to read your writes with.',
  access: documentAccess({ unseen: JOURNAL_UNSEEN }),
  tags: {
    journals: 'Journals of a class or group for a subject or activity',
    teachers: 'Who teaches a journal, and substitutes',
    lessons: 'Lessons held with their marks and attendance',
    corrections: 'Corrections recorded as new events; the history keeps the old values',
    periods: 'Closing and reopening periods, sealing at year end',
    summary: 'Period, year, exam and final marks on the class summary sheet; council decisions',
    grid: 'The grid of pupils × lessons, as it stands or stood, and each cell’s history',
    planning:
      'The school year planned: curriculum, bells, timetable and its changes, thematic plans, ' +
      'planned columns and programme completion',
    disposal: 'Disposal of a stream under an approved act of the archive (its account only)',
    audit: 'For auditors: a stream’s history, exports with proofs, keys, checkpoints, the read log',
    health: 'Liveness and readiness probes',
    reference: 'This document and its reference page',
  },
};

/** What the running service adds to the application before it listens. */
export function configureJournalApp(app: NestFastifyApplication): void {
  serveOpenApi(app, JOURNAL_OPENAPI);
}
