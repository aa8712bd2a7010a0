import { problem, type Problem } from './problems';
import { checkOwnBytes, locate } from './event-checks';
import type { EventRecord, Tombstone } from './verification-input';

interface Head {
  version: number;
  hash: Buffer | null;
  events: number;
}

const sameHash = (a: Buffer | null, b: Buffer | null) =>
  a === null || b === null ? a === b : a.equals(b);

/**
 * Follows every stream through the safe order (which keeps stream order): each event must be
 * the next version, link to the previous event's hash and hash to its own. A disposed stream's
 * events have no bytes left to hash; their links still must hold and match the tombstone.
 */
export class StreamChains {
  private readonly heads = new Map<string, Head>();

  constructor(private readonly disposals: Map<string, Tombstone>) {}

  get streams(): number {
    return this.heads.size;
  }

  /** The first thing wrong with this event (whose leaf is `leafIndex`), if anything. */
  check(event: EventRecord, leafIndex: number | null): Problem | null {
    const head = this.heads.get(event.streamId) ?? { version: 0, hash: null, events: 0 };
    this.heads.set(event.streamId, {
      version: Math.max(head.version, event.streamVersion),
      hash: event.hash,
      events: head.events + 1,
    });
    const found = this.checkBytes(event) ?? this.checkLink(event, head);
    // A gap is located at the missing version, not at this event's leaf.
    return found && found.globalPosition === event.position ? { ...found, leafIndex } : found;
  }

  private checkBytes(event: EventRecord): Problem | null {
    const tombstone = this.disposals.get(event.streamId);
    const covered = tombstone !== undefined && event.streamVersion <= tombstone.lastVersion;
    if (event.canonical === null) {
      return covered
        ? null
        : problem('PAYLOAD_MISSING', locate(event), 'the hashed bytes were removed');
    }
    if (tombstone) {
      return problem(
        'DISPOSAL_MISMATCH',
        locate(event),
        covered
          ? `act ${tombstone.actReference} disposed this event, yet its payload is there`
          : `appended after act ${tombstone.actReference} disposed version ${tombstone.lastVersion}`,
      );
    }
    return checkOwnBytes({ ...event, canonical: event.canonical });
  }

  private checkLink(event: EventRecord, head: Head): Problem | null {
    const at = locate(event);
    if (event.streamVersion <= head.version) {
      return problem('VERSION_ORDER', at, `version ${event.streamVersion} after ${head.version}`);
    }
    if (event.streamVersion > head.version + 1) {
      const missing = { ...at, streamVersion: head.version + 1, globalPosition: null };
      return problem(
        'VERSION_GAP',
        missing,
        `versions ${head.version + 1} to ${event.streamVersion - 1} are not before position ` +
          event.position,
      );
    }
    if (!sameHash(event.prevHash, head.hash)) {
      return problem('CHAIN_BROKEN', at, `prevHash is not the hash of version ${head.version}`);
    }
    return null;
  }

  /** After the last event: every disposed stream must end where its tombstone says. */
  checkTombstones(): Problem[] {
    return [...this.disposals.values()].flatMap((tombstone) => {
      const head = this.heads.get(tombstone.streamId);
      const at = { streamId: tombstone.streamId, streamVersion: tombstone.lastVersion };
      if (!head) return [problem('DISPOSAL_MISMATCH', at, 'no event of the stream is left')];
      const agrees =
        head.version === tombstone.lastVersion &&
        head.events === tombstone.eventCount &&
        sameHash(head.hash, tombstone.lastHash);
      const found = `${head.events} events up to version ${head.version}`;
      const recorded = `${tombstone.eventCount} up to version ${tombstone.lastVersion}`;
      return agrees
        ? []
        : [problem('DISPOSAL_MISMATCH', at, `${found}, the tombstone ${recorded}`)];
    });
  }
}
