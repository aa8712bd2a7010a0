import type { IsoDate } from '@ejournal/decider';
import type { Restriction } from './guardianship.decider';

/** A guardianship as the projection keeps it, history included. */
export interface GuardianshipRecord {
  guardianId: string;
  pupilId: string;
  validFrom: IsoDate;
  /** First day the link no longer holds (its planned end or the day it was ended). */
  validUntil: IsoDate | null;
  restrictions: Restriction[];
}

export type GuardianPurpose = 'records' | 'notifications';

/**
 * Whether a guardian may act for the pupil on a date: the link holds that day and no
 * restriction bars the purpose (a court order barring records bars notifications too).
 */
export function guardianshipAllows(
  link: GuardianshipRecord,
  on: IsoDate,
  purpose: GuardianPurpose,
): boolean {
  if (on < link.validFrom || (link.validUntil !== null && on >= link.validUntil)) return false;
  if (link.restrictions.includes('no_record_access')) return false;
  return purpose === 'records' || !link.restrictions.includes('no_notifications');
}
