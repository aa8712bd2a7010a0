import type { JournalOpened } from '@ejournal/contracts';
import { journalStreamId } from '@ejournal/contracts';
import type { EventStore } from '@ejournal/event-store';
import { refuse } from '@ejournal/journal-domain';
import { Inject, Injectable } from '@nestjs/common';
import type { JournalPlace as PlaceInScope } from '../edge/journal-scope-resolver';
import { IDENTITY_FACTS, type IdentityFacts } from '../facts/identity-facts.port';
import { EVENT_STORE } from '../infrastructure/tokens';

/** Where a journal lies: what `JournalOpened` said, which never changes. */
export interface JournalPlace extends PlaceInScope {
  journalId: string;
  academicYear: string;
  groupId: string;
  subjectId: string | null;
}

const CACHED = 20_000;

/** Journal → school and class, for authorising requests before any command runs. */
@Injectable()
export class JournalDirectory {
  private readonly places = new Map<string, JournalPlace>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(IDENTITY_FACTS) private readonly facts: IdentityFacts,
  ) {}

  async find(journalId: string): Promise<JournalPlace | null> {
    const known = this.places.get(journalId);
    if (known) return known;
    const [first] = await this.store.readStream(journalStreamId(journalId), { limit: 1 });
    if (!first || first.type !== 'JournalOpened') return null;
    const opened = first.data as JournalOpened['data'];
    const group = await this.facts.group(opened.groupId);
    const place = placeOf(opened, first.tenant.regionId, group?.kind === 'class');
    if (this.places.size >= CACHED) this.places.clear();
    this.places.set(journalId, place);
    return place;
  }

  /** Where a journal about to be opened will lie, refusing a group identity doesn't know. */
  async placeOfNew(opened: Omit<JournalOpened['data'], 'kind' | 'scale'>): Promise<JournalPlace> {
    const [school, group] = await Promise.all([
      this.facts.school(opened.schoolId),
      this.facts.group(opened.groupId),
    ]);
    if (!school) {
      throw refuse.precondition(
        'JOURNAL.UNKNOWN_SCHOOL',
        `The journal does not know school ${opened.schoolId}`,
      );
    }
    if (!group || group.schoolId !== opened.schoolId) {
      throw refuse.unprocessable(
        'JOURNAL.UNKNOWN_GROUP',
        `School ${opened.schoolId} has no class or group ${opened.groupId}`,
      );
    }
    if (group.academicYear !== opened.academicYear) {
      throw refuse.unprocessable(
        'JOURNAL.GROUP_OF_ANOTHER_YEAR',
        `Group ${opened.groupId} belongs to ${group.academicYear}, not ${opened.academicYear}`,
      );
    }
    return placeOf(opened, school.regionId, group.kind === 'class');
  }
}

function placeOf(
  opened: Omit<JournalOpened['data'], 'kind' | 'scale'>,
  regionId: string,
  groupIsClass: boolean,
): JournalPlace {
  return {
    journalId: opened.journalId,
    schoolId: opened.schoolId,
    regionId,
    academicYear: opened.academicYear,
    groupId: opened.groupId,
    classId: groupIsClass ? opened.groupId : null,
    subjectId: opened.subjectId,
  };
}
