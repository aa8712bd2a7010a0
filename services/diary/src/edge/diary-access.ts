import { scopeContains, type Grant, type Principal, type Role } from '@ejournal/auth';
import { ForbiddenProblem, NotFoundProblem } from '@ejournal/http';
import { Inject, Injectable } from '@nestjs/common';
import { DiaryFacts, type Place } from '../facts/diary-facts';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { guardianAsked, keptReaderFacts } from './kept-reader-facts';
import { ReadLog } from './read-log';

/** School staff who read every diary of their school; a class teacher those of her class. */
export const DIARY_STAFF: Role[] = ['head', 'deputy_head', 'school_admin', 'class_teacher'];
/** Every role a diary route lets through the guard; the rest is decided per pupil here. */
export const DIARY_READERS: Role[] = [...DIARY_STAFF, 'pupil', 'parent'];

/** The date in a time zone, as the school's calendar names it. */
export const dateIn = (timeZone: string, now: Date) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);

export interface Reader {
  role: Role;
  place: Place;
  /** Today in the pupil's school. */
  today: string;
}

/**
 * Who may read a pupil's diary: the pupil; a guardian whose link holds today without the
 * `no_record_access` restriction; a class teacher of the pupil's class; the head, deputy head
 * or school administrator of the pupil's school. Never anyone through a grant of another
 * school. Every read let through is logged (ReadLog).
 */
@Injectable()
export class DiaryAccess {
  constructor(
    private readonly facts: DiaryFacts,
    private readonly log: ReadLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Decides who the caller is to the pupil (404 for a pupil the diary does not know, 403 for
   * one she may not read), then logs the read while `fetch` runs (one round trip less on every
   * read): the answer leaves only once the read is logged, and a failed log fails it. The
   * facts the guard's scope resolver kept on `request` are used when there are some.
   */
  async read<T>(
    principal: Principal,
    pupilId: string,
    endpoint: string,
    fetch: (reader: Reader) => Promise<T>,
    request?: object,
  ): Promise<T> {
    const reader = await this.decide(principal, pupilId, request);
    const [, fetched] = await Promise.all([
      this.log.record(this.entry(principal, reader, pupilId, endpoint)),
      fetch(reader),
    ]);
    return fetched;
  }

  /** Who the caller is to the pupil, from one query of identity's facts (readerFacts). */
  private async decide(principal: Principal, pupilId: string, request?: object): Promise<Reader> {
    const held = (roles: Role[], place: Place) =>
      principal.grants.find(
        (grant: Grant) => roles.includes(grant.role) && scopeContains(grant.scope, place),
      );
    const guardianId = guardianAsked(principal);
    const kept = keptReaderFacts(request, pupilId, guardianId);
    const facts =
      kept !== undefined ? kept : await this.facts.readerFacts(pupilId, this.clock(), guardianId);
    if (!facts) throw new NotFoundProblem('DIARY.PUPIL_NOT_FOUND', 'The diary knows no such pupil');
    const { place, today, restrictions } = facts;
    const target = { schoolId: place.schoolId, classId: place.classId };
    const staff = held(DIARY_STAFF, target);
    const role: Role | null = staff
      ? staff.role
      : held(['pupil'], target) && principal.subject === pupilId
        ? 'pupil'
        : held(['parent'], target) && restrictions && !restrictions.includes('no_record_access')
          ? 'parent'
          : null;
    if (!role) {
      throw new ForbiddenProblem('DIARY.NOT_YOUR_PUPIL', 'The caller may not read this diary');
    }
    return { role, place, today };
  }

  private entry(principal: Principal, reader: Reader, pupilId: string, endpoint: string) {
    return {
      actorId: principal.subject,
      role: reader.role,
      pupilId,
      endpoint,
      schoolId: reader.place.schoolId,
    };
  }
}
