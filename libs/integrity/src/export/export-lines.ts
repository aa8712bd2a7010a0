import { open } from 'node:fs/promises';
import type { SignedCheckpoint } from '../checkpoints/checkpoint-format';
import type { PublicKeyEntry } from '../checkpoints/keyring';
import type { EventLineFields } from './event-line-reader';
import type { PartProblem, Tombstone } from './export-part';
import { STREAM_EXPORT_FORMAT } from './stream-export-format';

export interface Proof {
  nodes: string[];
  treeSize: number;
}

/** A problem outside the events' own checks, placed before the event of that ordinal. */
export interface LineProblem {
  ordinal: number;
  code: string;
  message: string;
}

/** How much of the file is read at a time, and the byte that ends a line. */
export const CHUNK = 4 << 20;
export const NEWLINE = 0x0a;

/** The non-event lines' problems in the form of the events' checks, ordered with them. */
export function asPartProblems(problems: readonly LineProblem[]): PartProblem[] {
  return problems.map(({ ordinal, code, message }) => ({
    ordinal,
    step: -1,
    code,
    message,
    streamId: '',
    streamVersion: 0,
  }));
}

/**
 * A file's complete lines from `position`, a chunk at a time: `buffer` holds them up to `end`,
 * each ending with a newline but the file's last; `offset` is where `buffer` starts in the file.
 * Bytes, not text: most lines are never decoded as a whole.
 */
export async function* lineChunks(
  file: string,
  position = 0,
): AsyncGenerator<{ buffer: Buffer; end: number; offset: number }> {
  const handle = await open(file, 'r');
  try {
    let carried = Buffer.alloc(0);
    for (;;) {
      const offset = position - carried.length;
      const buffer = Buffer.allocUnsafe(carried.length + CHUNK);
      carried.copy(buffer, 0);
      const { bytesRead } = await handle.read(buffer, carried.length, CHUNK, position);
      position += bytesRead;
      const filled = carried.length + bytesRead;
      if (bytesRead === 0) {
        if (filled > 0) yield { buffer, end: filled, offset };
        return;
      }
      const end = buffer.lastIndexOf(NEWLINE, filled - 1) + 1;
      if (end > 0) yield { buffer, end, offset };
      carried = buffer.subarray(end, filled);
    }
  } finally {
    await handle.close();
  }
}

/** Each line of a chunk: its start and end (without the newline). */
export function* linesOf(buffer: Buffer, end: number): Generator<[from: number, to: number]> {
  for (let from = 0; from < end;) {
    const newline = buffer.indexOf(NEWLINE, from);
    const to = newline < 0 || newline >= end ? end : newline;
    yield [from, to];
    from = to + 1;
  }
}

export const isBlank = (buffer: Buffer, from: number, to: number) =>
  buffer.toString('latin1', from, to).trim() === '';

/**
 * Every line of an export but the events in the exporter's spelling: header, keys, checkpoint,
 * disposals, proof and end as they come, and event lines in any other JSON spelling, handed to
 * `onEvent`. Problems of lines are placed before the event that follows them.
 */
export class ExportLines {
  header: { source?: string; format?: string } | null = null;
  readonly keys: PublicKeyEntry[] = [];
  readonly tombstones = new Map<string, Tombstone>();
  checkpoint: SignedCheckpoint | null = null;
  proof: Proof | null = null;
  end: { events: number; streams: number } | null = null;
  readonly problems: LineProblem[] = [];
  lineNumber = 0;

  /** A line that is not an event in the exporter's spelling; the kind it had, if any. */
  read(
    text: string,
    ordinal: number,
    onEvent: (event: EventLineFields) => void,
  ): string | undefined {
    const report = (message: string) =>
      this.problems.push({ ordinal, code: 'INTEGRITY.EXPORT_MALFORMED', message });
    const line = parsed(text);
    if (line === NOT_JSON) return (report(`line ${this.lineNumber} is not JSON`), undefined);
    if (line === null || typeof line !== 'object') {
      return (report(`line ${this.lineNumber} is of no known kind`), undefined);
    }
    const fields = line as Record<string, unknown>;
    const kind = fields['kind'];
    switch (kind) {
      case 'event': {
        const event = eventOfJson(fields);
        if (event) onEvent(event);
        else report(`line ${this.lineNumber} is not an event line`);
        break;
      }
      case 'header':
        this.header = fields;
        if (fields['format'] !== STREAM_EXPORT_FORMAT) {
          report(`not ${STREAM_EXPORT_FORMAT}: ${String(fields['format'])}`);
        }
        break;
      case 'key':
        this.keys.push(without(fields) as unknown as PublicKeyEntry);
        break;
      case 'checkpoint':
        this.checkpoint = without(fields) as unknown as SignedCheckpoint;
        break;
      case 'disposal': {
        const tombstone = without(fields) as unknown as Tombstone;
        this.tombstones.set(tombstone.streamId, tombstone);
        break;
      }
      case 'proof':
        this.proof = fields as unknown as Proof;
        break;
      case 'end':
        this.end = fields as unknown as { events: number; streams: number };
        break;
      default:
        report(`line ${this.lineNumber} is of no known kind`);
    }
    return typeof kind === 'string' ? kind : undefined;
  }
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
    spans: null,
  };
}
