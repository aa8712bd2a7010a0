import { journalStreamId } from '@ejournal/contracts';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JournalReadModels } from '../../read-models/documents/read-model-schemas';
import { atMost } from '../../read-models/projector/at-most';
import { headerOfStored, type JournalHeader } from '../../reads/journal-header/journal-header';
import { addInto, emptySeries, journalSeries, type CompletionSeries } from './completion-series';
import {
  schoolCompletionId,
  type CompletionModels,
  type JournalCompletionDocument,
} from './completion-documents';
import type { CompletionSources, SchoolBasis } from './completion-sources';
import { decodeSeries, encodeSeries } from './series-codec';

const JOURNALS_AT_ONCE = 8;
const SCHOOLS_AT_ONCE = 4;
/** How long the journal's own projection may take to reach an event before it is counted as is. */
const WAIT_FOR_JOURNALS_MS = 60_000;
const POLL_MS = 50;

/** A school year, as `{schoolId}|{academicYear}`. */
type SchoolKey = string;

export interface CompletionChanges {
  /** Journals to recompute, with the journal stream version their read models must hold. */
  journals: Map<string, number>;
  /** School years whose planning changed: every journal of theirs is recomputed. */
  schools: Set<SchoolKey>;
}

const splitKey = (key: SchoolKey) => {
  const cut = key.indexOf('|');
  return { schoolId: key.slice(0, cut), academicYear: key.slice(cut + 1) };
};

/**
 * Writes the completion read models: a journal's document recomputed from its sources (never
 * patched, so applying a change twice changes nothing), then each touched school's document
 * as the sum of its journals' series (a journal computed with another calendar is recomputed
 * first). Run by one writer: the CompletionProjector under its lease, or the rebuild.
 */
export class CompletionKeeper {
  constructor(
    private readonly models: CompletionModels,
    private readonly journalModels: JournalReadModels,
    private readonly sources: CompletionSources,
    private readonly onBehind: (journalId: string, wanted: number, held: number) => void = () =>
      undefined,
  ) {}

  /** `signal`: a stopping projector ends its wait for the journal's read models. */
  async apply(changes: CompletionChanges, signal?: AbortSignal): Promise<void> {
    // A school year's journals as its planning change finds them need no second read.
    const known = new Map<string, JournalHeader>();
    for (const key of changes.schools) {
      const { schoolId, academicYear } = splitKey(key);
      for (const header of await this.headersOf(schoolId, academicYear)) {
        known.set(header.journalId, header);
      }
    }
    const wanted = new Map(
      [...changes.journals].filter(([id, version]) => (known.get(id)?.version ?? -1) < version),
    );
    const headers = new Map<string, JournalHeader | null>(known);
    for (const [id, header] of await this.caughtUp(wanted, signal)) headers.set(id, header);
    const schools = new Set(changes.schools);
    const bySchool = new Map<SchoolKey, JournalHeader[]>();
    for (const [journalId, header] of headers) {
      if (!header) {
        const gone = await this.models.journals.findById(journalId);
        if (gone) {
          await this.models.journals.deleteOne(journalId);
          schools.add(schoolCompletionId(gone.schoolId, gone.academicYear));
        }
        continue;
      }
      const key = schoolCompletionId(header.schoolId, header.academicYear);
      schools.add(key);
      bySchool.set(key, [...(bySchool.get(key) ?? []), header]);
    }
    await atMost(SCHOOLS_AT_ONCE, [...schools], async (key) => {
      const { schoolId, academicYear } = splitKey(key);
      const basis = await this.sources.school(schoolId, academicYear);
      await atMost(JOURNALS_AT_ONCE, bySchool.get(key) ?? [], (h) => this.journal(h, basis));
      await this.school(basis);
    });
  }

  /** Every journal of a school year: what a rebuild and a planning change go through. */
  async headersOf(schoolId: string, academicYear: string): Promise<JournalHeader[]> {
    const stored = await this.journalModels.journals.find({ schoolId });
    return stored
      .filter((journal) => journal.academicYear === academicYear)
      .map((journal) => headerOfStored(journal, journalStreamId(journal._id)));
  }

  /** The journals' headers once their read models hold the versions named (null: none). */
  private async caughtUp(wanted: Map<string, number>, signal?: AbortSignal) {
    const found = new Map<string, JournalHeader | null>();
    const deadline = Date.now() + WAIT_FOR_JOURNALS_MS;
    await atMost(JOURNALS_AT_ONCE, [...wanted], async ([journalId, version]) => {
      for (;;) {
        const stored = await this.journalModels.journals.findById(journalId);
        const header = stored ? headerOfStored(stored, journalStreamId(journalId)) : null;
        if ((header?.version ?? 0) >= version) return found.set(journalId, header);
        // Quarantined (awaiting its rebuild) or too slow: counted as its read models stand; the
        // school's report counts it on the spot until its document holds the header's version.
        if (header?.stale || Date.now() > deadline) {
          this.onBehind(journalId, version, header?.version ?? 0);
          return found.set(journalId, header);
        }
        signal?.throwIfAborted();
        await sleep(POLL_MS, undefined, { signal });
      }
    });
    return found;
  }

  private async journal(header: JournalHeader, basis: SchoolBasis): Promise<void> {
    const { groupId, thematicVersion, facts } = await this.sources.journal(header, basis);
    const document: JournalCompletionDocument = {
      _id: header.journalId,
      regionId: basis.regionId,
      schoolId: header.schoolId,
      academicYear: header.academicYear,
      groupId,
      subjectId: header.subjectId,
      teacherIds: header.teacherIds,
      basis: basis.basis,
      sources: {
        journal: header.version,
        planning: basis.planning.version,
        thematic: thematicVersion,
      },
      series: encodeSeries(facts ? journalSeries(facts) : noSeries()),
    };
    await this.models.journals.replaceOne(document._id, document, { upsert: true });
  }

  /** The school's document: its journals' series summed (recomputing those of another basis). */
  private async school(basis: SchoolBasis): Promise<void> {
    const { schoolId, academicYear } = basis;
    const stored = await this.models.journals.find({ schoolId });
    let documents = stored.filter((doc) => doc.academicYear === academicYear);
    const outdated = documents.filter((doc) => doc.basis !== basis.basis).map((doc) => doc._id);
    if (outdated.length > 0) {
      const headers = await this.caughtUp(new Map(outdated.map((id) => [id, 0])));
      await atMost(JOURNALS_AT_ONCE, [...headers.values()], async (header) => {
        if (header) await this.journal(header, basis);
      });
      const again = await this.models.journals.find({ schoolId });
      documents = again.filter((doc) => doc.academicYear === academicYear);
    }
    const sum = basis.calendar
      ? emptySeries(basis.calendar.startsOn, basis.calendar.endsOn)
      : noSeries();
    let mixed = false;
    for (const doc of documents) {
      const series = decodeSeries(doc.series);
      if (doc.basis !== basis.basis || series.length !== sum.length) mixed = true;
      else addInto(sum, series);
    }
    const id = schoolCompletionId(schoolId, academicYear);
    await this.models.schools.replaceOne(
      id,
      {
        _id: id,
        regionId: basis.regionId,
        schoolId,
        academicYear,
        basis: mixed ? 'mixed' : basis.basis,
        journals: documents.length,
        series: encodeSeries(sum),
      },
      { upsert: true },
    );
  }
}

/** The series of a school year without a calendar: nothing to count. */
export function noSeries(): CompletionSeries {
  return { ...emptySeries('1970-01-01', '1969-12-31'), origin: '' };
}
