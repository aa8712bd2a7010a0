import { documentAccess } from '@ejournal/auth';
import { serveOpenApi, type OpenApiOptions } from '@ejournal/http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IDENTITY_UNSEEN } from './edge/identity-scope-resolver';

export const IDENTITY_OPENAPI: OpenApiOptions = {
  title: 'ejournal identity',
  version: '1',
  description:
    'Schools, calendars and rules, people, classes and groups, enrolment, guardianship, grants, ' +
    'consent and sign-in. Sign in at POST /auth/sign-in (people) or POST /auth/token (services) ' +
    'for the bearer token every other route needs. Errors are RFC 9457 problem details ' +
    '(`application/problem+json`) with stable IDENTITY.*, AUTH.* and HTTP.* codes, listed under ' +
    'each response. An id of a school the caller holds no grant in is answered as an unknown ' +
    'id (404 IDENTITY.UNKNOWN_PERSON for a person). Every command that creates or changes a ' +
    'record requires an Idempotency-Key header (428 without it); a retry with the same key ' +
    'and body gets the first answer again.',
  access: documentAccess({ unseen: IDENTITY_UNSEEN }),
  tags: {
    'sign-in': 'Tokens for people and service accounts; account activation and password reset',
    keys: 'The keys that verify access tokens',
    tenancy: 'Municipalities, schools, their calendars and published rules',
    people: 'Personal data, read with an access log',
    accounts: 'Accounts, activation and reset codes, service accounts',
    classes: 'Classes and ad-hoc groups',
    enrolment: 'Enrolment, transfer, release and withdrawal of pupils; rosters',
    guardianship: 'Guardians of pupils and the limits courts set',
    grants: 'Roles granted in a scope',
    consent: 'Consents of guardians, and who gets notifications',
    'roster import': 'Classes, pupils, guardians and staff from a CSV file',
    audit: 'For auditors: a stream’s history, exports with proofs, keys, checkpoints, the read log',
    health: 'Liveness and readiness probes',
    reference: 'This document and its reference page',
  },
};

/** What the running service adds to the application before it listens. */
export function configureIdentityApp(app: NestFastifyApplication): void {
  serveOpenApi(app, IDENTITY_OPENAPI);
}
