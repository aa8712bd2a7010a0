import { serveOpenApi } from '@ejournal/http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** What the running service adds to the application before it listens. */
export function configureJournalApp(app: NestFastifyApplication): void {
  serveOpenApi(app, {
    title: 'ejournal journal',
    version: '1',
    description:
      'The e-journal of every activity kind: journals, lessons, marks, attendance, homework, ' +
      'corrections by new events, periods, summary marks, the grid and its history "as of" any ' +
      'instant. Errors are RFC 9457 problem details with stable JOURNAL.* and AUTH.* codes. ' +
      'Commands take an Idempotency-Key header.',
  });
}
