import { chainHash } from '@ejournal/contracts';
import { open } from 'node:fs/promises';
import { checkpointSignatureValid, type SignedCheckpoint } from '../checkpoints/checkpoint-format';
import { Keyring, type PublicKeyEntry } from '../checkpoints/keyring';
import { leafHash } from '../merkle/tree-hash';
import { hashedIdentity, sameIdentity } from '../verify/hashed-identity';
import { MerkleReplay } from '../verify/merkle-replay';
import { readEventLine, type EventLineFields } from './event-line-reader';
import { multiproofRoot } from './multiproof';
import { STREAM_EXPORT_FORMAT } from './stream-export-format';

const MAX_PROBLEMS = 1000;

export interface StreamExportProblem {
  code: string;
  message: string;
  streamId: string | null;
  streamVersion: number | null;
}

export interface StreamExportReport {
  ok: boolean;
  format: typeof STREAM_EXPORT_FORMAT;
  source: string;
  verifiedAt: string;
  trust: { keys: string };
  checkpoint: SignedCheckpoint | null;
  counts: { events: number; streams: number; disposedStreams: number; proofNodes: number };
  disposedStreams: { streamId: string; actReference: string; eventCount: number }[];
  firstProblem: StreamExportProblem | null;
  problems: StreamExportProblem[];
}

interface Header {
  source?: string;
  format?: string;
}
interface Proof {
  nodes: string[];
  treeSize: number;
}
interface End {
  events: number;
  streams: number;
}

interface Tombstone {
  streamId: string;
  actReference: string;
  eventCount: number;
  lastVersion: number;
  lastHash: string | null;
}

const CHUNK = 4 << 20;
const NEWLINE = 0x0a;

/**
 * A file's complete lines, a chunk at a time: `buffer` holds them up to `end`, each ending with
 * a newline but the file's last. Bytes, not text: most lines are never decoded as a whole.
 */
async function* lineChunks(file: string): AsyncGenerator<{ buffer: Buffer; end: number }> {
  const handle = await open(file, 'r');
  try {
    let carried = Buffer.alloc(0);
    for (let position = 0; ;) {
      const buffer = Buffer.allocUnsafe(carried.length + CHUNK);
      carried.copy(buffer, 0);
      const { bytesRead } = await handle.read(buffer, carried.length, CHUNK, position);
      position += bytesRead;
      const filled = carried.length + bytesRead;
      if (bytesRead === 0) {
        if (filled > 0) yield { buffer, end: filled };
        return;
      }
      const end = buffer.lastIndexOf(NEWLINE, filled - 1) + 1;
      if (end > 0) yield { buffer, end };
      carried = buffer.subarray(end, filled);
    }
  } finally {
    await handle.close();
  }
}

const isBlank = (buffer: Buffer, from: number, to: number) =>
  buffer.toString('latin1', from, to).trim() === '';

/**
 * Verifies an `ejournal-stream-export/1` file offline, trusting only the public keys given
 * (`trustedKeys`, from `keys.json`; without them the file's own keys, which the report says):
 * the checkpoint's signature by a key valid when it signed; each stream from version 1 with
 * no gap, each event's bytes hashing to its hash chained from the previous one, its identity
 * (id, stream, version, type, recordedAt) the one inside its hashed bytes; a disposed stream
 * matching its tombstone; and the batch proof rebuilding the checkpoint's root from the
 * events' leaves. What it cannot see: events left out at the end of a stream (an export
 * proves what it holds is in the record, not that the record holds nothing more).
 */
export async function verifyStreamExport(
  file: string,
  trustedKeys?: { entries: PublicKeyEntry[]; description: string },
): Promise<StreamExportReport> {
  const problems: StreamExportProblem[] = [];
  const report = (
    code: string,
    message: string,
    streamId: string | null = null,
    streamVersion: number | null = null,
  ) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ code, message, streamId, streamVersion });
  };
  const keys: PublicKeyEntry[] = [];
  const tombstones = new Map<string, Tombstone>();
  let header = null as Header | null;
  let checkpoint = null as SignedCheckpoint | null;
  let proof = null as Proof | null;
  let end = null as End | null;
  // Leaves in file order: their indexes and event hashes side by side in one buffer. While they
  // run 0, 1, 2, … (a whole store) the tree is also replayed on a worker thread as they come.
  let indexes: Float64Array = new Float64Array(1 << 16);
  let eventHashes: Buffer = Buffer.alloc(32 << 16);
  let replay = null as MerkleReplay | null;
  let contiguous = true;
  let count = 0;
  // Each stream's last version, and its last hash in a slot of one buffer.
  const chains = new Map<string, { version: number; slot: number }>();
  let prevHashes: Buffer = Buffer.alloc(32 << 10);

  const checkEvent = (event: EventLineFields) => {
    const { streamId, streamVersion, hash: stated } = event;
    let chain = chains.get(streamId);
    if (!chain) {
      chain = { version: 0, slot: chains.size };
      chains.set(streamId, chain);
      if (prevHashes.length < 32 * chains.size) prevHashes = grown(prevHashes);
    }
    const prev =
      chain.version === 0 ? null : prevHashes.subarray(32 * chain.slot, 32 * chain.slot + 32);
    if (streamVersion !== chain.version + 1) {
      report(
        'INTEGRITY.VERSION_GAP',
        `expected version ${chain.version + 1}`,
        streamId,
        streamVersion,
      );
    }
    chain.version = streamVersion;
    if (event.canonical === null) {
      const tombstone = tombstones.get(streamId);
      if (!tombstone || streamVersion > tombstone.lastVersion) {
        report(
          'INTEGRITY.PAYLOAD_MISSING',
          'the payload is gone without a disposal',
          streamId,
          streamVersion,
        );
      } else if (
        streamVersion === tombstone.lastVersion &&
        tombstone.lastHash !== stated.toString('hex')
      ) {
        report(
          'INTEGRITY.DISPOSAL_MISMATCH',
          'the last hash is not the tombstone’s',
          streamId,
          streamVersion,
        );
      }
    } else {
      const bytes = event.canonical;
      if (!chainHash(prev, bytes).equals(stated)) {
        report(
          'INTEGRITY.HASH_MISMATCH',
          'the bytes do not hash to the stated hash',
          streamId,
          streamVersion,
        );
      }
      const { eventId, type, recordedAt } = event;
      const identity = { eventId, streamId, streamVersion, type, recordedAt };
      if (!sameIdentity(bytes, identity)) {
        const inside = hashedIdentity(bytes);
        const same = (Object.keys(identity) as (keyof typeof identity)[]).every(
          (key) => inside[key] === identity[key],
        );
        if (!same) {
          report(
            'INTEGRITY.COLUMN_MISMATCH',
            'the line disagrees with its hashed bytes',
            streamId,
            streamVersion,
          );
        }
      }
    }
    stated.copy(prevHashes, 32 * chain.slot);
    if (count === indexes.length) {
      indexes = grow(indexes);
      eventHashes = grown(eventHashes);
    }
    const { leafIndex } = event;
    indexes[count] = leafIndex;
    stated.copy(eventHashes, count * 32);
    if (contiguous && leafIndex === count && checkpoint) {
      replay ??= new MerkleReplay([checkpoint.treeSize]);
      replay.push(stated);
    } else contiguous = false;
    count += 1;
  };

  const checkLine = (line: Record<string, unknown>) => {
    switch (line['kind']) {
      case 'event': {
        const event = eventOfJson(line);
        if (event) checkEvent(event);
        else report('INTEGRITY.EXPORT_MALFORMED', `line ${lineNumber} is not an event line`);
        break;
      }
      case 'header':
        header = line as Header;
        if (line['format'] !== STREAM_EXPORT_FORMAT) {
          report(
            'INTEGRITY.EXPORT_MALFORMED',
            `not ${STREAM_EXPORT_FORMAT}: ${String(line['format'])}`,
          );
        }
        break;
      case 'key':
        keys.push(without(line) as unknown as PublicKeyEntry);
        break;
      case 'checkpoint':
        checkpoint = without(line) as unknown as SignedCheckpoint;
        break;
      case 'disposal': {
        const tombstone = without(line) as unknown as Tombstone;
        tombstones.set(tombstone.streamId, tombstone);
        break;
      }
      case 'proof':
        proof = line as unknown as Proof;
        break;
      case 'end':
        end = line as unknown as End;
        break;
      default:
        report('INTEGRITY.EXPORT_MALFORMED', `line ${lineNumber} is of no known kind`);
    }
  };

  let lineNumber = 0;
  for await (const { buffer, end: filled } of lineChunks(file)) {
    for (let from = 0; from < filled;) {
      const newline = buffer.indexOf(NEWLINE, from);
      const to = newline < 0 || newline >= filled ? filled : newline;
      lineNumber += 1;
      const event = readEventLine(buffer, from, to);
      if (event) checkEvent(event);
      else if (to > from && !isBlank(buffer, from, to)) {
        const line = parsed(buffer.toString('utf8', from, to));
        if (line === NOT_JSON)
          report('INTEGRITY.EXPORT_MALFORMED', `line ${lineNumber} is not JSON`);
        else if (line !== null && typeof line === 'object')
          checkLine(line as Record<string, unknown>);
        else report('INTEGRITY.EXPORT_MALFORMED', `line ${lineNumber} is of no known kind`);
      }
      from = to + 1;
    }
  }
  if (!header) report('INTEGRITY.EXPORT_MALFORMED', 'no header');
  if (!end || end.events !== count || end.streams !== chains.size) {
    report('INTEGRITY.EXPORT_TRUNCATED', 'the end line is missing or counts other events');
  }
  const keyring = new Keyring(trustedKeys?.entries ?? keys);
  if (!checkpoint) {
    report('INTEGRITY.EXPORT_MALFORMED', 'no checkpoint');
  } else {
    checkSignature(checkpoint, keyring, report);
    const whole = contiguous && count === checkpoint.treeSize && proof?.nodes.length === 0;
    const replayed = whole && replay ? (await replay.roots()).get(count) : undefined;
    if (replayed !== undefined && replayed !== checkpoint.rootHash) {
      report(
        'INTEGRITY.ROOT_MISMATCH',
        `the events do not rebuild the root of checkpoint ${checkpoint.checkpointId}`,
      );
    }
    if (replayed === undefined) {
      checkRoot(checkpoint, proof, indexes.subarray(0, count), eventHashes, report);
    }
  }
  await replay?.close();
  return {
    ok: problems.length === 0,
    format: STREAM_EXPORT_FORMAT,
    source: `export ${file}${header?.source ? ` of ${header.source}` : ''}`,
    verifiedAt: new Date().toISOString(),
    trust: {
      keys: trustedKeys
        ? trustedKeys.description
        : 'the keys the export lists (pass --keys to rely on keys from another channel)',
    },
    checkpoint,
    counts: {
      events: count,
      streams: chains.size,
      disposedStreams: tombstones.size,
      proofNodes: proof?.nodes.length ?? 0,
    },
    disposedStreams: [...tombstones.values()].map(({ streamId, actReference, eventCount }) => ({
      streamId,
      actReference,
      eventCount,
    })),
    firstProblem: problems[0] ?? null,
    problems,
  };
}

type Report = (code: string, message: string) => void;

function checkSignature(checkpoint: SignedCheckpoint, keyring: Keyring, report: Report): void {
  const key = keyring.key(checkpoint.keyId);
  if (!key) return report('INTEGRITY.KEY_UNKNOWN', `no key ${checkpoint.keyId}`);
  if (!checkpointSignatureValid(checkpoint, key)) {
    return report('INTEGRITY.SIGNATURE_INVALID', `checkpoint ${checkpoint.checkpointId}`);
  }
  if (!keyring.validAt(checkpoint.keyId, checkpoint.signedAt)) {
    report(
      'INTEGRITY.KEY_NOT_VALID',
      `${checkpoint.keyId} was not valid at ${checkpoint.signedAt}`,
    );
  }
}

function checkRoot(
  checkpoint: SignedCheckpoint,
  proof: Proof | null,
  indexes: Float64Array,
  eventHashes: Buffer,
  report: Report,
): void {
  if (!proof || proof.treeSize !== checkpoint.treeSize) {
    return report('INTEGRITY.EXPORT_MALFORMED', 'no proof for the checkpoint’s tree size');
  }
  // Exports list events in the store's order, so their leaves come in order: sort otherwise.
  const inOrder = indexes.every((index, i) => i === 0 || index > (indexes[i - 1] as number));
  const order = inOrder
    ? null
    : Uint32Array.from(indexes.keys()).sort(
        (a, b) => (indexes[a] as number) - (indexes[b] as number),
      );
  const sorted = order ? Float64Array.from(order, (i) => indexes[i] as number) : indexes;
  for (let i = 0; i < sorted.length; i++) {
    const index = sorted[i] as number;
    if (
      !Number.isSafeInteger(index) ||
      index < 0 ||
      index >= checkpoint.treeSize ||
      index === sorted[i - 1]
    ) {
      return report('INTEGRITY.LEAF_ORDER', `leaf ${index} is repeated or outside the checkpoint`);
    }
  }
  const at = (i: number) => {
    const from = (order ? (order[i] as number) : i) * 32;
    return leafHash(eventHashes.subarray(from, from + 32));
  };
  const nodes = proof.nodes.map((node) => Buffer.from(node, 'hex'));
  const root = multiproofRoot(sorted, at, checkpoint.treeSize, nodes);
  if (!root || root.toString('hex') !== checkpoint.rootHash) {
    report(
      'INTEGRITY.ROOT_MISMATCH',
      `the events and proof do not rebuild the root of checkpoint ${checkpoint.checkpointId}`,
    );
  }
}

function grow(array: Float64Array): Float64Array {
  const bigger = new Float64Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

function grown(buffer: Buffer): Buffer {
  const bigger = Buffer.alloc(buffer.length * 2);
  buffer.copy(bigger);
  return bigger;
}

function without({ kind: _kind, ...rest }: Record<string, unknown>): Record<string, unknown> {
  return rest;
}

const NOT_JSON = Symbol('not JSON');

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

const HEX_HASH = /^[0-9a-fA-F]{64}$/;

/** An event line in any other JSON spelling than the exporter's; null when it cannot be one. */
function eventOfJson(line: Record<string, unknown>): EventLineFields | null {
  const { streamId, streamVersion, eventId, type, recordedAt, leafIndex, canonical, hash } = line;
  if (typeof streamId !== 'string' || !Number.isSafeInteger(streamVersion)) return null;
  if ((canonical !== null && typeof canonical !== 'string') || typeof hash !== 'string')
    return null;
  if (!HEX_HASH.test(hash)) return null;
  return {
    streamId,
    streamVersion: streamVersion as number,
    eventId,
    type,
    recordedAt,
    leafIndex: Number.isSafeInteger(leafIndex) ? (leafIndex as number) : NaN,
    canonical: canonical === null ? null : Buffer.from(canonical, 'base64'),
    hash: Buffer.from(hash, 'hex'),
  };
}
