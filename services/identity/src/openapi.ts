import { serveOpenApi } from '@ejournal/http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** What the running service adds to the application before it listens. */
export function configureIdentityApp(app: NestFastifyApplication): void {
  serveOpenApi(app, {
    title: 'ejournal identity',
    version: '1',
    description:
      'Schools, calendars and rules, people, classes and groups, enrolment, guardianship, grants, consent and sign-in. ' +
      'Errors are RFC 9457 problem details with stable IDENTITY.* and AUTH.* codes.',
  });
}
