import { chainDigest } from '@ejournal/contracts';
import { hash } from 'node:crypto';
import { copy32 } from '../merkle/tree-hash';
import { hashedIdentity, sameIdentity, sameIdentityBytes } from '../verify/hashed-identity';
import type { EventLineFields } from './event-line-reader';
import { LeafRun, type LeafRunState } from './leaf-run';

export const MAX_PROBLEMS = 1000;

/** A disposal line, as the event checks need it. */
export interface Tombstone {
  streamId: string;
  actReference: string;
  eventCount: number;
  lastVersion: number;
  lastHash: string | null;
}

/**
 * A problem of an event, placed in the record: its event's ordinal in the part, and the step
 * of that event's checks (0 version, 1 payload or hash, 2 identity), so that problems found by
 * parts verified side by side are reported in the order one pass would have found them.
 */
export interface PartProblem {
  ordinal: number;
  step: number;
  code: string;
  message: string;
  streamId: string;
  streamVersion: number;
}

/**
 * The first event of a stream in a part that does not start the file: its version and chain
 * link depend on the stream's last event in the parts before, so they are checked when the
 * parts are joined, from its hashed bytes (null once disposed of) and stated hash kept here.
 */
export interface FirstLink {
  ordinal: number;
  streamId: string;
  streamVersion: number;
  canonical: Uint8Array | null;
  hash: Uint8Array;
}

/** What a part hands over: structured-clone friendly, its buffers transferable. */
export interface PartResult {
  count: number;
  problems: PartProblem[];
  firstLinks: FirstLink[];
  /** Each stream's last version and the slot of its last hash in `lastHashes`. */
  streams: [streamId: string, version: number, slot: number][];
  lastHashes: Uint8Array;
  leafIndexes: Float64Array;
  eventHashes: Uint8Array;
  run: LeafRunState | null;
}

/**
 * The checks of a run of consecutive event lines, one at a time, as `verifyStreamExport` makes
 * them: each stream from version 1 without gaps, each event's bytes hashing to its stated hash
 * chained from the previous one, the line's identity the one inside its hashed bytes, a payload
 * gone only under a tombstone; the leaves collected and, while they run on, their tree hashed.
 * A part that continues another (`continues`) leaves each stream's first link to the join.
 */
export class ExportPart {
  /** Each stream's last version and hash (its own buffer: no view made per event). */
  private readonly chains = new Map<string, { version: number; hash: Buffer }>();
  private leafIndexes = new Float64Array(1 << 16);
  private eventHashes: Buffer = Buffer.alloc(32 << 16);
  private readonly run = new LeafRun();
  private runs = true;
  readonly problems: PartProblem[] = [];
  readonly firstLinks: FirstLink[] = [];
  count = 0;

  constructor(
    private readonly tombstones: ReadonlyMap<string, Tombstone>,
    private readonly continues = false,
  ) {}

  /** Checks the next event line. */
  check(event: EventLineFields): void {
    const { streamId, streamVersion, hash: stated } = event;
    const ordinal = this.count;
    let chain = this.chains.get(streamId);
    let first = false;
    if (!chain) {
      chain = { version: 0, hash: Buffer.alloc(32) };
      this.chains.set(streamId, chain);
      first = this.continues;
      if (first) {
        const canonical = event.canonical && Uint8Array.from(event.canonical);
        const hash = Uint8Array.from(stated);
        this.firstLinks.push({ ordinal, streamId, streamVersion, canonical, hash });
      }
    }
    if (!first && streamVersion !== chain.version + 1) {
      this.report(
        ordinal,
        0,
        'INTEGRITY.VERSION_GAP',
        `expected version ${chain.version + 1}`,
        event,
      );
    }
    if (event.canonical === null) {
      this.checkDisposed(event, ordinal);
    } else {
      if (!first && !sameBytes(this.chainDigest(chain, event), stated)) {
        const message = 'the bytes do not hash to the stated hash';
        this.report(ordinal, 1, 'INTEGRITY.HASH_MISMATCH', message, event);
      }
      this.checkIdentity(event, event.canonical, ordinal);
    }
    chain.version = streamVersion;
    copy32(stated, 0, chain.hash, 0);
    this.keepLeaf(event.leafIndex, stated);
    this.count += 1;
  }

  /** The event's chain hash from the stream's last one, in place when the reader left room. */
  private chainDigest(chain: { version: number; hash: Buffer }, event: EventLineFields): string {
    const prev = chain.version === 0 ? null : chain.hash;
    const input = event.chainInput;
    if (!input) return chainDigest(prev, event.canonical as Buffer);
    if (prev) copy32(prev, 0, input, 0);
    else input.fill(0, 0, 32);
    return hash('sha256', input, 'binary');
  }

  /** The part's state for the join; the part is spent. */
  result(): PartResult {
    const lastHashes = new Uint8Array(32 * this.chains.size);
    const streams: PartResult['streams'] = [];
    for (const [streamId, { version, hash }] of this.chains) {
      copy32(hash, 0, lastHashes, 32 * streams.length);
      streams.push([streamId, version, streams.length]);
    }
    return {
      count: this.count,
      problems: this.problems,
      firstLinks: this.firstLinks,
      streams,
      lastHashes,
      leafIndexes: this.leafIndexes.subarray(0, this.count),
      eventHashes: this.eventHashes.subarray(0, 32 * this.count),
      run: this.runs && this.count > 0 ? this.run.state() : null,
    };
  }

  private checkDisposed(event: EventLineFields, ordinal: number): void {
    const { streamId, streamVersion } = event;
    const tombstone = this.tombstones.get(streamId);
    if (!tombstone || streamVersion > tombstone.lastVersion) {
      const message = 'the payload is gone without a disposal';
      this.report(ordinal, 1, 'INTEGRITY.PAYLOAD_MISSING', message, event);
    } else if (
      streamVersion === tombstone.lastVersion &&
      tombstone.lastHash !== event.hash.toString('hex')
    ) {
      const message = 'the last hash is not the tombstone’s';
      this.report(ordinal, 1, 'INTEGRITY.DISPOSAL_MISMATCH', message, event);
    }
  }

  private checkIdentity(event: EventLineFields, bytes: Buffer, ordinal: number): void {
    const { spans } = event;
    if (spans && sameIdentityBytes(bytes, spans.line, spans.at)) return;
    const { eventId, streamId, streamVersion, type, recordedAt } = event;
    const identity = { eventId, streamId, streamVersion, type, recordedAt };
    if (!spans && sameIdentity(bytes, identity)) return;
    const inside = hashedIdentity(bytes);
    const keys = Object.keys(identity) as (keyof typeof identity)[];
    if (!keys.every((key) => inside[key] === identity[key])) {
      const message = 'the line disagrees with its hashed bytes';
      this.report(ordinal, 2, 'INTEGRITY.COLUMN_MISMATCH', message, event);
    }
  }

  private keepLeaf(leafIndex: number, stated: Buffer): void {
    if (this.count === this.leafIndexes.length) {
      const bigger = new Float64Array(2 * this.count);
      bigger.set(this.leafIndexes);
      this.leafIndexes = bigger;
      this.eventHashes = grown(this.eventHashes);
    }
    this.leafIndexes[this.count] = leafIndex;
    copy32(stated, 0, this.eventHashes, 32 * this.count);
    // The tree is hashed while the leaves run on from the first one: a whole store's do.
    if (
      this.runs &&
      (this.count === 0 ? Number.isSafeInteger(leafIndex) : this.run.next === leafIndex)
    ) {
      this.run.push(leafIndex, stated);
    } else this.runs = false;
  }

  private report(
    ordinal: number,
    step: number,
    code: string,
    message: string,
    { streamId, streamVersion }: EventLineFields,
  ): void {
    if (this.problems.length < MAX_PROBLEMS) {
      this.problems.push({ ordinal, step, code, message, streamId, streamVersion });
    }
  }
}

/** Whether a digest (a latin1 string) is the 32 bytes of `hash`. */
export function sameBytes(digest: string, hash: Buffer): boolean {
  if (digest.length !== hash.length) return false;
  for (let i = 0; i < digest.length; i++) if (digest.charCodeAt(i) !== hash[i]) return false;
  return true;
}

function grown(buffer: Buffer): Buffer {
  const bigger = Buffer.alloc(buffer.length * 2);
  buffer.copy(bigger);
  return bigger;
}
