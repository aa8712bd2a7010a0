import { versionKey } from '@ejournal/messaging';
import { encodeColumnFields } from '../documents/column-codec';
import type { FoldedJournal } from '../projection/fold-journal';
import type { ReadModelCollection } from '../projection/project';

/**
 * A folded journal's documents of one collection as stored: columns encoded (column-codec),
 * each with the version of the stream it last took.
 */
export function versionedDocuments(folded: FoldedJournal, collection: ReadModelCollection) {
  return folded.documents.all(collection).map(({ doc, version }) => ({
    ...(collection === 'grid_columns' ? encodeColumnFields(doc) : doc),
    versions: { [versionKey(folded.streamId)]: version },
  }));
}
