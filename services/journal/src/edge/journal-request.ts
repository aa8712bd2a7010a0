import {
  RequireGrant,
  scopeFrom,
  type AuthRequest,
  type Role,
  type ScopeFrom,
} from '@ejournal/auth';
import { applyDecorators, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GROUP_RESOURCE, JOURNAL_RESOURCE } from './journal-scope-resolver';

export const INVALID_REQUEST = 'JOURNAL.INVALID_REQUEST';

/** A controller of `/journals/:journalId/…` routes. */
export const JournalController = (tag: string) =>
  applyDecorators(ApiTags(tag), Controller('journals/:journalId'));

/**
 * The caller needs one of `roles` over the journal's school (or its class). Lesson, mark and
 * pupil ids under the journal are not targets: the command or read refuses one that is not the
 * journal's (404, or the pupil's entry refused), which no grant of another school gets past.
 */
export const OverJournal = (roles: readonly Role[]) =>
  RequireGrant(roles, scopeFrom.resourceParam(JOURNAL_RESOURCE, 'journalId'));

const bodyString = (request: AuthRequest, name: string): string | undefined => {
  const value =
    request.body !== null && typeof request.body === 'object'
      ? (request.body as Record<string, unknown>)[name]
      : undefined;
  return typeof value === 'string' ? value : undefined;
};

/**
 * A journal or group a body names, where the records place it; one they do not know lies in the
 * body's school (a journal opened with a chosen id, a group whose facts are still on their way).
 */
export const bodyResourceInBodySchool =
  (kind: typeof JOURNAL_RESOURCE | typeof GROUP_RESOURCE, name: string): ScopeFrom =>
  (request) => {
    const id = bodyString(request, name);
    const schoolId = bodyString(request, 'schoolId');
    return id === undefined ? [] : [{ ...(schoolId ? { schoolId } : {}), resource: { kind, id } }];
  };

export { CurrentRequester, type Requester } from './caller';
export { Context, type EventContext } from './event-context';
export { Idempotency, type IdempotencyRequest } from './idempotency';
