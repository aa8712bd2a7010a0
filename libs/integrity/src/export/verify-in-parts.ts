import { chainDigest } from '@ejournal/contracts';
import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { readEventLine } from './event-line-reader';
import { asPartProblems, ExportLines, isBlank, lineChunks, linesOf } from './export-lines';
import { MAX_PROBLEMS, sameBytes, type PartProblem, type PartResult } from './export-part';
import { checkPart, type PartAnswer, type PartTask } from './export-part.worker';
import { LeafRun } from './leaf-run';

/** Below this many bytes of events, one pass on the calling thread costs less than threads. */
const PARALLEL_FROM = 16 << 20;
const MAX_PARTS = 8;
const SEEK = 1 << 16;

/** The events' checks, joined in file order, and the lines around them. */
export interface EventPass {
  lines: ExportLines;
  count: number;
  streams: number;
  /** Event problems, and line problems (step -1), each at the ordinal of the event they precede. */
  problems: PartProblem[];
  /** The tree of all leaves when they run from leaf 0 in order; else null. */
  run: LeafRun | null;
  leafIndexes: () => Float64Array;
  eventHashes: () => Buffer;
}

/**
 * The events of a large export split between threads, one part of the file each: every thread
 * checks its lines as one pass would (chains, identities, payloads, its leaves' subtrees), and
 * the first link of each stream in a later part is checked here at the join, against the
 * stream's last hash in the parts before it. Null when the file is small or not in the
 * exporter's shape (lines, then events in its spelling, then proof and end): one pass then.
 */
export async function verifyInParts(
  file: string,
  { parts: asked, threads = true }: { parts?: number; threads?: boolean } = {},
): Promise<EventPass | null> {
  const parts = asked ?? Math.min(availableParallelism(), MAX_PARTS);
  const least = asked === undefined ? PARALLEL_FROM : 0;
  const { size } = await stat(file);
  if (parts < 2 || size < least) return null;
  const lines = new ExportLines();
  const eventsFrom = await readHead(file, lines);
  if (eventsFrom === null || size - eventsFrom < least) return null;
  const bounds = await partBounds(file, eventsFrom, size, parts);
  if (!bounds) return null;
  const tombstones = [...lines.tombstones.values()];
  const tasks = bounds
    .slice(0, -1)
    .map((from, i) => ({ file, from, to: bounds[i + 1] as number, continues: i > 0, tombstones }));
  // The first part is checked on this thread while the others' threads start (loading their
  // modules takes a while), so a machine of n cores runs n threads, none of them waiting.
  const others = tasks.slice(1).map((task) => (threads ? inThread(task) : null));
  const first = checkPart(tasks[0] as PartTask);
  const rest = await Promise.all(tasks.slice(1).map((task, i) => others[i] ?? checkPart(task)));
  const answers = [first, ...rest];
  const last = answers.at(-1) as PartAnswer;
  if (answers.some((answer, i) => i < answers.length - 1 && answer.stoppedAt !== bounds[i + 1])) {
    return null;
  }
  lines.lineNumber += answers.reduce((sum, answer) => sum + answer.lines, 0);
  const count = answers.reduce((sum, answer) => sum + answer.result.count, 0);
  if (!(await readTail(file, last.stoppedAt, lines, count))) return null;
  return join(
    file,
    lines,
    answers.map((answer) => answer.result),
    count,
  );
}

/** Reads the lines before the first event into `lines`; where the events start, or null. */
async function readHead(file: string, lines: ExportLines): Promise<number | null> {
  for await (const { buffer, end, offset } of lineChunks(file)) {
    for (const [from, to] of linesOf(buffer, end)) {
      if (readEventLine(buffer, from, to)) return offset + from;
      lines.lineNumber += 1;
      if (to > from && !isBlank(buffer, from, to)) {
        const kind = lines.read(buffer.toString('utf8', from, to), 0, () => undefined);
        if (kind === 'event') return null;
      }
    }
  }
  return null;
}

/** The proof and end after the events; false for anything else (one pass sorts it out). */
async function readTail(
  file: string,
  position: number,
  lines: ExportLines,
  count: number,
): Promise<boolean> {
  for await (const { buffer, end } of lineChunks(file, position)) {
    for (const [from, to] of linesOf(buffer, end)) {
      lines.lineNumber += 1;
      if (to === from || isBlank(buffer, from, to)) continue;
      const text = buffer.toString('utf8', from, to);
      if (!/^\s*\{/.test(text)) return false;
      const kind = lines.read(text, count, () => undefined);
      if (kind !== 'proof' && kind !== 'end') return false;
    }
  }
  return true;
}

/** Where each part starts (a line's first byte), and the file's end. */
async function partBounds(file: string, from: number, size: number, parts: number) {
  const bounds = [from];
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(SEEK);
    for (let i = 1; i < parts; i++) {
      const at = from + Math.floor(((size - from) * i) / parts);
      const { bytesRead } = await handle.read(buffer, 0, SEEK, at);
      const newline = buffer.subarray(0, bytesRead).indexOf(0x0a);
      if (newline < 0) return null;
      const bound = at + newline + 1;
      if (bound <= (bounds.at(-1) as number) || bound >= size) return null;
      bounds.push(bound);
    }
  } finally {
    await handle.close();
  }
  bounds.push(size);
  return bounds;
}

async function join(
  file: string,
  lines: ExportLines,
  results: PartResult[],
  count: number,
): Promise<EventPass> {
  const lastOf = new Map<string, { version: number; hash: Buffer }>();
  const problems: PartProblem[] = asPartProblems(lines.problems);
  let run: LeafRun | null = new LeafRun();
  const handle = await open(file, 'r');
  try {
    let offset = 0;
    for (const result of results) {
      for (const problem of result.problems) {
        problems.push({ ...problem, ordinal: offset + problem.ordinal });
      }
      for (const link of result.firstLinks) {
        const before = lastOf.get(link.streamId) ?? null;
        const at = (step: number, code: string, message: string) =>
          problems.push({ ...link, ordinal: offset + link.ordinal, step, code, message });
        const expected = (before?.version ?? 0) + 1;
        if (link.streamVersion !== expected) {
          at(0, 'INTEGRITY.VERSION_GAP', `expected version ${expected}`);
        }
        const line = Buffer.allocUnsafe(link.to - link.from);
        await handle.read(line, 0, line.length, link.from);
        const event = readEventLine(line, 0, line.length);
        if (!event) throw new Error(`${file} changed while it was verified`);
        if (
          event.canonical &&
          !sameBytes(chainDigest(before?.hash ?? null, event.canonical), event.hash)
        ) {
          at(1, 'INTEGRITY.HASH_MISMATCH', 'the bytes do not hash to the stated hash');
        }
      }
      const hashes = Buffer.from(result.lastHashes.buffer, result.lastHashes.byteOffset);
      for (const [streamId, version, slot] of result.streams) {
        lastOf.set(streamId, {
          version,
          hash: Buffer.from(hashes.subarray(32 * slot, 32 * slot + 32)),
        });
      }
      if (run && result.run && (offset === 0 || result.run.first === run.next))
        run.join(result.run);
      else run = null;
      offset += result.count;
    }
  } finally {
    await handle.close();
  }
  problems.sort((a, b) => a.ordinal - b.ordinal || a.step - b.step);
  return {
    lines,
    count,
    streams: lastOf.size,
    problems: problems.slice(0, MAX_PROBLEMS),
    run,
    leafIndexes: () => concat(results.map((result) => result.leafIndexes)),
    eventHashes: () =>
      Buffer.concat(
        results.map(({ eventHashes: h }) => Buffer.from(h.buffer, h.byteOffset, h.length)),
      ),
  };
}

function concat(arrays: Float64Array[]): Float64Array {
  const all = new Float64Array(arrays.reduce((sum, array) => sum + array.length, 0));
  let at = 0;
  for (const array of arrays) {
    all.set(array, at);
    at += array.length;
  }
  return all;
}

// Compiled, the worker is a .js file beside this one. From the TypeScript sources (the tests)
// it is a .ts file, which the worker thread loads through @swc-node/register, told where the
// workspace's path aliases are (the parts import @ejournal/contracts).
function inThread(task: PartTask): Promise<PartAnswer> {
  const compiled = __filename.endsWith('.js');
  const project = path.resolve(__dirname, '../../../../tsconfig.base.json');
  const worker = new Worker(path.join(__dirname, `export-part.worker.${compiled ? 'js' : 'ts'}`), {
    workerData: { task },
    ...(compiled
      ? {}
      : {
          execArgv: ['--require', '@swc-node/register'],
          env: { ...process.env, SWC_NODE_PROJECT: process.env['SWC_NODE_PROJECT'] ?? project },
        }),
  });
  return new Promise<PartAnswer>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`An export part's thread exited (${code})`)));
  });
}
