import type { RecordedEvent } from '@ejournal/contracts';
import { schoolCompletionId } from './completion-documents';
import type { CompletionChanges } from './completion-keeper';

const JOURNAL = 'journal-';
const THEMATIC = 'thematic-';
const PLANNING = 'planning-';

/**
 * What a run of the store's events changes for completion: a journal's own events (its read
 * models must hold them first) and its thematic plan recompute that journal; a school year's
 * planning recomputes all its journals. Other streams change nothing here.
 */
export function completionChanges(events: readonly RecordedEvent[]): CompletionChanges {
  const changes: CompletionChanges = { journals: new Map(), schools: new Set() };
  for (const event of events) {
    const { streamId } = event;
    if (streamId.startsWith(JOURNAL)) {
      const journalId = streamId.slice(JOURNAL.length);
      const seen = changes.journals.get(journalId) ?? 0;
      changes.journals.set(journalId, Math.max(seen, event.streamVersion));
    } else if (streamId.startsWith(THEMATIC)) {
      const journalId = streamId.slice(THEMATIC.length);
      changes.journals.set(journalId, changes.journals.get(journalId) ?? 0);
    } else if (streamId.startsWith(PLANNING)) {
      const { academicYear } = event.data as { academicYear: string };
      const schoolId = streamId.slice(PLANNING.length, streamId.lastIndexOf('-'));
      changes.schools.add(schoolCompletionId(schoolId, academicYear));
    }
  }
  return changes;
}

export const isCompletionSource = (streamId: string) =>
  streamId.startsWith(JOURNAL) || streamId.startsWith(THEMATIC) || streamId.startsWith(PLANNING);
