import { chainDigest } from '@ejournal/contracts';
import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { readEventLine } from './event-line-reader';
import { asPartProblems, ExportLines, isBlank, lineChunks, linesOf } from './export-lines';
import { MAX_PROBLEMS, sameBytes, type PartProblem, type PartResult } from './export-part';
import { checkClaimed, type PartAnswer, type PartQueue, type PartTask } from './export-part.worker';
import { LeafRun } from './leaf-run';

/** Below this many bytes of events, one pass on the calling thread costs less than threads. */
const PARALLEL_FROM = 16 << 20;
const MAX_THREADS = 8;
/**
 * Parts per thread: threads claim them in turn, so one that starts late (a thread loads its
 * modules first) or gets less of a busy machine checks fewer, and none waits for another.
 */
const PARTS_PER_THREAD = 3;
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
  const cores = Math.min(availableParallelism(), MAX_THREADS);
  const parts = asked ?? PARTS_PER_THREAD * cores;
  const least = asked === undefined ? PARALLEL_FROM : 0;
  const { size } = await stat(file);
  if (parts < 2 || (asked === undefined && cores < 2) || size < least) return null;
  const lines = new ExportLines();
  const eventsFrom = await readHead(file, lines);
  if (eventsFrom === null || size - eventsFrom < least) return null;
  const bounds = await partBounds(file, eventsFrom, size, parts);
  if (!bounds) return null;
  const tombstones = [...lines.tombstones.values()];
  const tasks = bounds
    .slice(0, -1)
    .map((from, i) => ({ file, from, to: bounds[i + 1] as number, continues: i > 0, tombstones }));
  const answers = await checkParts(tasks, threads ? Math.min(cores, tasks.length) : 1);
  const last = answers.at(-1) as PartAnswer;
  if (answers.some((answer, i) => i < answers.length - 1 && answer.stoppedAt !== bounds[i + 1])) {
    return null;
  }
  lines.lineNumber += answers.reduce((sum, answer) => sum + answer.lines, 0);
  const count = answers.reduce((sum, answer) => sum + answer.result.count, 0);
  if (!(await readTail(file, last.stoppedAt, lines, count))) return null;
  return join(
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

function join(lines: ExportLines, results: PartResult[], count: number): EventPass {
  const lastOf = new Map<string, { version: number; hash: Buffer }>();
  const problems: PartProblem[] = asPartProblems(lines.problems);
  let run: LeafRun | null = new LeafRun();
  let offset = 0;
  for (const result of results) {
    for (const problem of result.problems) {
      problems.push({ ...problem, ordinal: offset + problem.ordinal });
    }
    for (const { canonical, hash, ...link } of result.firstLinks) {
      const before = lastOf.get(link.streamId) ?? null;
      const at = (step: number, code: string, message: string) =>
        problems.push({ ...link, ordinal: offset + link.ordinal, step, code, message });
      const expected = (before?.version ?? 0) + 1;
      if (link.streamVersion !== expected) {
        at(0, 'INTEGRITY.VERSION_GAP', `expected version ${expected}`);
      }
      if (
        canonical &&
        !sameBytes(chainDigest(before?.hash ?? null, bytesOf(canonical)), bytesOf(hash))
      ) {
        at(1, 'INTEGRITY.HASH_MISMATCH', 'the bytes do not hash to the stated hash');
      }
    }
    const hashes = bytesOf(result.lastHashes);
    for (const [streamId, version, slot] of result.streams) {
      lastOf.set(streamId, {
        version,
        hash: Buffer.from(hashes.subarray(32 * slot, 32 * slot + 32)),
      });
    }
    if (run && result.run && (offset === 0 || result.run.first === run.next)) run.join(result.run);
    else run = null;
    offset += result.count;
  }
  problems.sort((a, b) => a.ordinal - b.ordinal || a.step - b.step);
  return {
    lines,
    count,
    streams: lastOf.size,
    problems: problems.slice(0, MAX_PROBLEMS),
    run,
    leafIndexes: () => concat(results.map((result) => result.leafIndexes)),
    eventHashes: () => Buffer.concat(results.map(({ eventHashes }) => bytesOf(eventHashes))),
  };
}

/** A Buffer over the same bytes (a thread's answers arrive as plain Uint8Arrays). */
const bytesOf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);

function concat(arrays: Float64Array[]): Float64Array {
  const all = new Float64Array(arrays.reduce((sum, array) => sum + array.length, 0));
  let at = 0;
  for (const array of arrays) {
    all.set(array, at);
    at += array.length;
  }
  return all;
}

/**
 * The parts' answers in order, checked by this thread and `threads - 1` others, each claiming
 * the next part left (through a shared counter: this thread, busy checking, answers no one).
 */
async function checkParts(tasks: PartTask[], threads: number): Promise<PartAnswer[]> {
  const answers: PartAnswer[] = new Array(tasks.length);
  const queue = { tasks, claimed: new Int32Array(new SharedArrayBuffer(4)) };
  const keep = (index: number, answer: PartAnswer) => (answers[index] = answer);
  const others = Array.from({ length: threads - 1 }, () => inThread(queue, keep));
  try {
    // This thread checks parts while the others start (loading their modules takes a while).
    checkClaimed(queue, keep);
  } catch (error) {
    for (const other of others) void other.worker.terminate();
    await Promise.allSettled(others.map((other) => other.done));
    throw error;
  }
  await Promise.all(others.map((other) => other.done));
  return answers;
}

// Compiled, the worker is a .js file beside this one. From the TypeScript sources (the tests)
// it is a .ts file, which the worker thread loads through @swc-node/register, told where the
// workspace's path aliases are (the parts import @ejournal/contracts).
function inThread(
  queue: PartQueue,
  answer: (index: number, answer: PartAnswer) => void,
): { worker: Worker; done: Promise<void> } {
  const compiled = __filename.endsWith('.js');
  const project = path.resolve(__dirname, '../../../../tsconfig.base.json');
  const worker = new Worker(path.join(__dirname, `export-part.worker.${compiled ? 'js' : 'ts'}`), {
    workerData: { queue },
    ...(compiled
      ? {}
      : {
          execArgv: ['--require', '@swc-node/register'],
          env: { ...process.env, SWC_NODE_PROJECT: process.env['SWC_NODE_PROJECT'] ?? project },
        }),
  });
  const done = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: { index: number; answer: PartAnswer } | { done: true }) => {
      if ('done' in message) resolve();
      else answer(message.index, message.answer);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`An export part's thread exited (${code})`)));
  });
  return { worker, done };
}
