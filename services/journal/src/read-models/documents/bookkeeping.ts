import { versionKey } from '@ejournal/messaging';
import type { Stored } from './read-model';

/** The last version of `streamId` applied to a stored document; 0 for none. */
export function versionOf(document: Stored<object> | null, streamId: string): number {
  return document?.versions?.[versionKey(streamId)] ?? 0;
}

/** True while a stream the document is built from waits for a rebuild (see quarantineAndRebuild). */
export function isQuarantined(document: Stored<object> | null): boolean {
  return Object.keys(document?.quarantine ?? {}).length > 0;
}
