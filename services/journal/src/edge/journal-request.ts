import { RequireGrant, scopeFrom, type Role } from '@ejournal/auth';
import { applyDecorators, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

export const INVALID_REQUEST = 'JOURNAL.INVALID_REQUEST';

/** A controller of `/journals/:journalId/…` routes. */
export const JournalController = (tag: string) =>
  applyDecorators(ApiTags(tag), Controller('journals/:journalId'));

/** The caller needs one of `roles` over the journal's school (or its class). */
export const OverJournal = (roles: readonly Role[]) =>
  RequireGrant(roles, scopeFrom.resourceParam('journal', 'journalId'));

export { CurrentRequester, type Requester } from './caller';
export { Context, type EventContext } from './event-context';
export { Idempotency, type IdempotencyRequest } from './idempotency';
