import type { IsoDate } from '@ejournal/decider';
import { refuse, type EntryError } from '@ejournal/journal-domain';
import type { IdentityFacts } from '../facts/identity-facts.port';
import type { JournalPlace } from './journal-directory';

export interface PupilMark {
  pupilId: string;
  value: string;
}

/**
 * Which class sheet each of a journal's period or year marks goes to: the journal's class, or,
 * for a group across classes, each pupil's class today. A group journal's pupil must be in its
 * group today and in a class of its school, so no mark reaches a sheet the journal has no part
 * in (another school's pupil is refused like any pupil outside the group). A class journal's
 * sheet checks its own roster.
 */
export async function sheetsOfMarks(
  facts: Pick<IdentityFacts, 'membersOn' | 'classOf'>,
  place: Pick<JournalPlace, 'schoolId' | 'groupId' | 'classId'>,
  marks: readonly PupilMark[],
  today: IsoDate,
): Promise<Map<string, PupilMark[]>> {
  const { classId } = place;
  if (classId) return new Map([[classId, [...marks]]]);
  const members = new Set(await facts.membersOn(place.groupId, today));
  const classes = new Map<string, PupilMark[]>();
  const refused: EntryError[] = [];
  for (const mark of marks) {
    const { pupilId } = mark;
    const pupilClass = members.has(pupilId) ? await facts.classOf(pupilId, today) : null;
    if (pupilClass?.schoolId === place.schoolId) {
      classes.set(pupilClass.classId, [...(classes.get(pupilClass.classId) ?? []), mark]);
    } else {
      const detail = members.has(pupilId)
        ? 'In no class of the journal’s school today'
        : 'Not in the journal’s group today';
      refused.push({ pupilId, code: 'JOURNAL.PUPIL_NOT_ENROLLED', detail });
    }
  }
  if (refused.length > 0) throw refuse.column(refused);
  return classes;
}
