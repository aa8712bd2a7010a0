import { versionKey } from '@ejournal/messaging';
import { encodeColumnFields } from '../documents/column-codec';
import { encodeHistoryFields } from '../documents/history-codec';
import type { FoldedJournal } from '../projection/fold-journal';
import type { ReadModelCollection } from '../projection/project';

/**
 * A folded journal's documents of one collection as stored: columns' cells and lessons'
 * histories encoded (column-codec, history-codec),
 * each with the version of the stream it last took.
 */
export function versionedDocuments(folded: FoldedJournal, collection: ReadModelCollection) {
  return folded.documents.all(collection).map(({ doc, version }) => ({
    ...(collection === 'grid_columns'
      ? encodeColumnFields(doc)
      : collection === 'cell_history'
        ? encodeHistoryFields(doc)
        : doc),
    versions: { [versionKey(folded.streamId)]: version },
  }));
}
