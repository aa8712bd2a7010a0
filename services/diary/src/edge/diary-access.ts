import { scopeContains, type Grant, type Principal, type Role } from '@ejournal/auth';
import { ForbiddenProblem, NotFoundProblem } from '@ejournal/http';
import { Inject, Injectable } from '@nestjs/common';
import { DiaryFacts, type Place } from '../facts/diary-facts';
import { CLOCK, type Clock } from '../infrastructure/tokens';
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

  async assertMayRead(principal: Principal, pupilId: string, endpoint: string): Promise<Reader> {
    const place = await this.facts.placeOf(pupilId, this.clock().toISOString().slice(0, 10));
    if (!place) throw new NotFoundProblem('DIARY.PUPIL_NOT_FOUND', 'The diary knows no such pupil');
    const zone = (await this.facts.timeZone(place.schoolId)) ?? 'UTC';
    const today = dateIn(zone, this.clock());
    const role = await this.roleOf(principal, pupilId, place, today);
    if (!role) {
      throw new ForbiddenProblem('DIARY.NOT_YOUR_PUPIL', 'The caller may not read this diary');
    }
    await this.log.record({
      actorId: principal.subject,
      role,
      pupilId,
      endpoint,
      schoolId: place.schoolId,
    });
    return { role, place, today };
  }

  private async roleOf(principal: Principal, pupilId: string, place: Place, today: string) {
    const target = { schoolId: place.schoolId, classId: place.classId };
    const held = (roles: Role[]) =>
      principal.grants.find(
        (grant: Grant) => roles.includes(grant.role) && scopeContains(grant.scope, target),
      );
    const staff = held(DIARY_STAFF);
    if (staff) return staff.role;
    if (held(['pupil']) && principal.subject === pupilId) return 'pupil' as const;
    if (!held(['parent'])) return null;
    const links = await this.facts.childrenOf(principal.subject, today);
    const link = links.find((each) => each.pupilId === pupilId);
    return link && !link.restrictions.includes('no_record_access') ? ('parent' as const) : null;
  }
}
