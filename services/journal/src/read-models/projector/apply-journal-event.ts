import type { RecordedEvent } from '@ejournal/contracts';
import { applyOnce, ReadModelGapError, type ApplyResult } from '@ejournal/messaging';
import { versionOf } from '../documents/bookkeeping';
import {
  columnId,
  markCellId,
  type ColumnState,
  type JournalState,
  type MarkCellState,
} from '../documents/journal-documents';
import { modelOf, type JournalReadModels, type Stored } from '../documents/read-model-schemas';
import { journalIdOf, type RecordedJournalStreamEvent } from '../projection/journal-event';
import { lessonOf, markToLocate, project } from '../projection/project';

/**
 * Applies one event of a journal stream to the documents it touches, each through `applyOnce`
 * (the version check and the change in one `updateOne`). The header is read first and written
 * last: it folds every event of the stream, so it refuses a gap before anything is written,
 * and once it holds version v every document of events up to v is written. Callers serialise
 * the events of one stream (the projector's lock).
 */
export async function applyJournalEvent(
  models: JournalReadModels,
  recorded: RecordedEvent,
): Promise<ApplyResult> {
  const event = recorded as RecordedJournalStreamEvent;
  const journalId = journalIdOf(event.streamId);
  const journal = await models.journals.findById(journalId).lean<Stored<JournalState>>();
  const applied = versionOf(journal, event.streamId);
  if (applied >= event.streamVersion) return 'duplicate';
  if (applied !== event.streamVersion - 1) {
    throw new ReadModelGapError(journalId, event.streamId, event.streamVersion, applied);
  }
  const markId = markToLocate(event);
  const location = markId
    ? await models.markCells.findById(markCellId(journalId, markId)).lean<Stored<MarkCellState>>()
    : null;
  const lessonId = lessonOf(event, location);
  const column = lessonId
    ? await models.columns.findById(columnId(journalId, lessonId)).lean<Stored<ColumnState>>()
    : null;
  for (const change of project(event, { journal, column, location })) {
    const model = modelOf(models, change.collection);
    await applyOnce(model, change.docId, event, change.update as never, { order: change.order });
  }
  return 'applied';
}
