import { documentAccess } from '@ejournal/auth';
import { serveOpenApi, type OpenApiOptions } from '@ejournal/http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export const DIARY_OPENAPI: OpenApiOptions = {
  title: 'ejournal diary',
  version: '1',
  description:
    'The e-diary of pupils and parents: a pupil’s week (lessons of every activity kind with ' +
    'topics, homework, marks and attendance) and marks by subject and period with averages ' +
    'and summary marks. Read by the pupil, guardians with an active unrestricted link, the ' +
    'class teacher and the school’s head, deputy head and administrator; every read is ' +
    'logged. Errors are RFC 9457 problem details with stable DIARY.* and AUTH.* codes. ' +
    'Notifications are published to Kafka (see `/asyncapi.json`), POSTed to the school apps’ ' +
    'webhooks signed per Standard Webhooks, streamed to their recipients as Server-Sent ' +
    'Events and kept in their inbox; each recipient chooses channels, quiet hours and a digest.',
  access: documentAccess(),
  tags: {
    diary: 'A pupil’s diary: the week, marks and averages; the caller’s pupils',
    notifications: 'The caller’s notifications: inbox, live stream and preferences',
    webhooks: 'School apps’ endpoints: registration, secret rotation, dead letters and replay',
    health: 'Liveness and readiness probes',
    reference: 'This document, its reference page and the AsyncAPI document of the topics',
  },
};

/** What the running service adds to the application before it listens. */
export function configureDiaryApp(app: NestFastifyApplication): void {
  serveOpenApi(app, DIARY_OPENAPI);
}
