import type { ScopeResolver, ScopeTarget } from '@ejournal/auth';
import type { IdentityFacts } from '../facts/identity-facts.port';
import type { JournalDirectory } from '../write/journal-directory';

/**
 * Places a route's journal in its school (and class, when its group is one), and a school in
 * its region, so grants are checked against what the journal's facts say. An unknown journal
 * stays unplaced: only region-wide grants then pass, and the command answers 404.
 */
export function journalScopeResolver(
  directory: JournalDirectory,
  facts: IdentityFacts,
  regionId: string,
): ScopeResolver {
  return {
    async complete(target: ScopeTarget): Promise<ScopeTarget> {
      if (target.resource?.kind === 'journal') {
        const place = await directory.find(target.resource.id);
        if (!place) return { regionId, ...target };
        return {
          ...target,
          regionId: place.regionId,
          schoolId: place.schoolId,
          ...(place.classId ? { classId: place.classId } : {}),
        };
      }
      if (target.classId && !target.schoolId) {
        const group = await facts.group(target.classId);
        return { regionId, ...target, ...(group ? { schoolId: group.schoolId } : {}) };
      }
      return { regionId, ...target };
    },
  };
}
