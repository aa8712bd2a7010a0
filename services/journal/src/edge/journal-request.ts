import { RequireGrant, scopeFrom, type Role } from '@ejournal/auth';
import { applyDecorators, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { JOURNAL_RESOURCE, TEACHER_RESOURCE } from './journal-scope-resolver';

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

/**
 * The journal, and a teacher the request names (body field or path param) where identity's
 * staff grants place her: a teacher of another school is refused like its journal would be.
 */
export const OverJournalWithTeacher = (
  roles: readonly Role[],
  from: { body: string } | { param: string },
) =>
  RequireGrant(
    roles,
    scopeFrom.all(
      scopeFrom.resourceParam(JOURNAL_RESOURCE, 'journalId'),
      'body' in from
        ? scopeFrom.bodyResource(TEACHER_RESOURCE, from.body)
        : scopeFrom.resourceParam(TEACHER_RESOURCE, from.param),
    ),
  );

export { CurrentRequester, type Requester } from './caller';
