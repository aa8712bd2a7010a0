import { NotFoundProblem, ForbiddenProblem } from '@ejournal/http';
import { SCOPE_READERS } from '../../edge/access';
import { rolesOver, type Requester } from '../../edge/caller';
import type { JournalHeader } from './journal-header';

/**
 * Heads, deputy heads, class teachers (of the journal's class) and auditors read every journal
 * of their scope; a teacher reads the journals she teaches or substituted in.
 */
export function assertMayRead(
  requester: Requester,
  header: JournalHeader | null,
  classId: string | null,
): JournalHeader {
  if (!header) throw new NotFoundProblem('JOURNAL.NOT_FOUND', 'There is no such journal');
  const roles = rolesOver(requester.grants, {
    regionId: header.regionId,
    schoolId: header.schoolId,
    ...(classId ? { classId } : {}),
  });
  if (roles.some((role) => (SCOPE_READERS as string[]).includes(role))) return header;
  const teaches =
    header.teachers.some((t) => t.teacherId === requester.userId) ||
    header.substitutes.some((s) => s.teacherId === requester.userId);
  if (teaches) return header;
  throw new ForbiddenProblem('JOURNAL.NOT_ASSIGNED', 'You do not teach this journal');
}
