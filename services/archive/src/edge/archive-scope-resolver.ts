import { notFound, type ScopeResolver, type UnseenAnswers } from '@ejournal/auth';

/** A catalogue record, placed in the school that keeps it (a `resource` kind of the routes). */
export const RECORD_RESOURCE = 'record';

export const RECORD_NOT_FOUND = notFound('ARCHIVE.RECORD_NOT_FOUND', 'There is no such record');
export const UNKNOWN_SCHOOL = notFound(
  'ARCHIVE.UNKNOWN_SCHOOL',
  'The archive knows no such school',
);

/** How the archive answers an id it does not know; an id of another school is answered alike. */
export const ARCHIVE_UNSEEN: UnseenAnswers = {
  [RECORD_RESOURCE]: RECORD_NOT_FOUND,
  school: UNKNOWN_SCHOOL,
};

/**
 * Places a record in its school as the catalogue says, whatever the request claims; a record
 * the catalogue does not hold lies nowhere (only region-wide grants reach the 404).
 */
export function archiveScopeResolver(
  places: { placeOf(recordId: string): Promise<{ regionId: string; schoolId: string } | null> },
  regionId: string,
): ScopeResolver {
  return {
    async complete(target) {
      const resource = target.resource;
      if (resource?.kind !== RECORD_RESOURCE) return { regionId, ...target };
      const place = await places.placeOf(resource.id);
      return place ? { ...target, ...place } : { regionId, ...target, unknown: true };
    },
  };
}
