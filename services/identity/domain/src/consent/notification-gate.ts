import type { IsoDate } from '@ejournal/decider';
import { guardianshipAllows, type GuardianshipRecord } from '../guardianship/guardianship-rules';

export interface ConsentRecord {
  grantorId: string;
  subjectId: string;
  purpose: string;
  withdrawn: boolean;
}

/**
 * The guardians the diary may notify about a pupil today: a link in force without a barring
 * restriction, and the guardian's consent to diary notifications about this pupil (152-FZ).
 */
export function notificationRecipients(
  pupilId: string,
  links: readonly GuardianshipRecord[],
  consents: readonly ConsentRecord[],
  on: IsoDate,
): string[] {
  const consented = new Set(
    consents
      .filter((c) => c.subjectId === pupilId && c.purpose === 'diary_notifications' && !c.withdrawn)
      .map((c) => c.grantorId),
  );
  return links
    .filter((link) => link.pupilId === pupilId && guardianshipAllows(link, on, 'notifications'))
    .map((link) => link.guardianId)
    .filter((guardianId) => consented.has(guardianId))
    .sort();
}
