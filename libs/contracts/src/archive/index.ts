import { EventRegistry } from '../registry/event-registry';

/**
 * The archive's own store. Its events (disposal acts, legal holds, signatures) come with the
 * retention and signing work of issue 16; until then the store holds only its Merkle log's
 * checkpoints of nothing, and the registry is empty.
 */
export const archiveRegistry = new EventRegistry();
