import { ForbiddenProblem } from '@ejournal/http';
import { rolesOver, type Requester } from '../../edge/caller';
import type { JournalHeader } from '../../reads/journal-header/journal-header';
import { PLANNERS } from '../edge/planning-access';

/** A journal's plan is set by those who teach it and by the school's managers. */
export function assertMayPlan(requester: Requester, header: JournalHeader): void {
  const roles = rolesOver(requester.grants, {
    regionId: header.regionId,
    schoolId: header.schoolId,
  });
  if (roles.some((role) => (PLANNERS as string[]).includes(role))) return;
  if (header.teacherIds.includes(requester.userId)) return;
  throw new ForbiddenProblem('JOURNAL.NOT_ASSIGNED', 'You do not teach this journal');
}
