import { chainHash, hashedBytes, type HashedField, type RecordedEvent } from '@ejournal/contracts';
import {
  Checkpointer,
  exportStreams,
  loadSigningKey,
  LogBuilder,
  type PublicKeyEntry,
  verifyStreamExport,
} from '@ejournal/integrity';
import { generateKeyPairSync } from 'node:crypto';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { finished, pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { setTimeout } from 'node:timers/promises';
import type { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createBenchDatabase, type BenchDatabase } from '../event-store/bench-database';
import { perSecond } from '../measure';

const EVENTS = 1_000_000;
const STREAMS = 1_000;
const COPY_ROWS = 50_000;
const log = (message: string) => process.stderr.write(`[bench archive] ${message}\n`);

/**
 * Issue 16's auditor export at scale: a store of 1,000,000 events (1,000 journals written
 * interleaved, as a region's school days are), its Merkle log built and a checkpoint signed,
 * then timed: every stream exported with its batch inclusion proof, checkpoint and keys as
 * NDJSON (`exportStreams`), and that file verified offline with the public keys alone
 * (`verifyStreamExport`, what `ejournal-verify --export` runs). Target ≥ 100,000 events/s.
 *
 * The timed part runs in a Node process of its own (`export-verify.child`), as the archive's
 * auditor route and `ejournal-verify` run in theirs: the process that built a million events
 * to seed the store exported the same store two to four times slower, with 5–11 s of system
 * time, on this machine (the cause was not found; a fresh pool, its heap and glibc's malloc
 * thresholds were ruled out).
 */
export async function measureExportVerify(events = EVENTS): Promise<ExportVerifyFigures> {
  const store = await prepareExportStore(events);
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-export-'));
  try {
    return await timeInOwnProcess({
      appUrl: String(store.database.appPool.options.connectionString),
      events,
      file: path.join(dir, 'export.ndjson'),
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
    await store.database.drop();
  }
}

/** What the timing process is given: the store (its application role) and the file to write. */
export interface ExportVerifyJob {
  appUrl: string;
  events: number;
  file: string;
}

/** Runs `export-verify.child` on the job; answers the figures it prints as its last line. */
async function timeInOwnProcess(job: ExportVerifyJob): Promise<ExportVerifyFigures> {
  // Compiled, the child is a .js file beside this one; from the sources, a .ts file.
  const compiled = __filename.endsWith('.js');
  const file = path.join(__dirname, `export-verify.child.${compiled ? 'js' : 'ts'}`);
  const child = spawn(
    process.execPath,
    [...(compiled ? [] : ['--require', '@swc-node/register']), file],
    {
      env: { ...process.env, EXPORT_VERIFY_JOB: JSON.stringify(job) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`the export and verification process exited with ${code}`);
  const last = output.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as ExportVerifyFigures;
}

export interface ExportVerifyFigures {
  events: number;
  ms: number;
  eventsPerSec: number;
  exportMs: number;
  verifyMs: number;
  /** This process's CPU time (all threads; PostgreSQL's is not in it), apart from wall-clock. */
  exportCpuMs: number;
  verifyCpuMs: number;
  bytes: number;
}

export interface ExportStore {
  database: BenchDatabase;
  events: number;
}

/** A store of `events` events, its Merkle log built and a checkpoint signed. */
export async function prepareExportStore(events: number): Promise<ExportStore> {
  const database = await createBenchDatabase(4);
  try {
    log(`seeding ${events} events with COPY`);
    await seed(database.adminPool, events);
    log('building the Merkle log and signing a checkpoint');
    await buildLog(database.appPool, events);
    const { privateKey } = generateKeyPairSync('ed25519');
    const signer = loadSigningKey(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    await new Checkpointer({ db: database.appPool, signer, logId: 'ejournal/bench' }).checkpoint();
    log('vacuuming and checkpointing the store, as a store of that age would be');
    await settle(database.adminPool);
    return { database, events };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/**
 * Times the export of the whole store (on a pool of its application role) to `file` and the
 * file's offline verification with `keys`.
 */
export async function timeExportVerify(
  pool: Pool,
  events: number,
  keys: PublicKeyEntry[],
  file: string,
): Promise<ExportVerifyFigures> {
  log('exporting every stream with its proof, then verifying the file offline');
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  const counts = await exportStreams(pool, {}, out, { source: 'bench' });
  out.end();
  await finished(out);
  const exported = performance.now();
  const cpuExported = process.cpuUsage();
  const report = await verifyStreamExport(file, { entries: keys, description: 'bench keys' });
  const verified = performance.now();
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const { user, system } = process.cpuUsage(since);
    return Math.round((user + system) / 1000);
  };
  const verifyCpuMs = cpuMs(cpuExported);
  if (!report.ok || report.counts.events !== events) {
    throw new Error(`export verification failed: ${JSON.stringify(report.firstProblem)}`);
  }
  const ms = verified - started;
  return {
    events: counts.events,
    ms: Math.round(ms),
    eventsPerSec: perSecond(counts.events, ms / 1000),
    exportMs: Math.round(exported - started),
    verifyMs: Math.round(verified - exported),
    exportCpuMs: cpuMs(cpuAtStart) - verifyCpuMs,
    verifyCpuMs,
    bytes: out.bytesWritten,
  };
}

const COLUMNS = `event_id, stream_id, stream_version, category, type, schema_version, region_id,
  school_id, occurred_at, recorded_at, canonical, metadata, prev_hash, hash`;

/**
 * Events as the store would have written them (the same canonical bytes and hash chain), put
 * in with COPY as the database owner: appending a million one by one would take minutes. Each
 * COPY of 50,000 rows is its own short transaction: one long write transaction would hold back
 * every reader of the cluster (the snapshot horizon is cluster-wide).
 */
async function seed(pool: Pool, total: number): Promise<void> {
  const prev: (Buffer | null)[] = new Array(STREAMS).fill(null);
  const recordedAt = '2026-10-12T06:45:00.000Z';
  // Sequence n is version floor(n / STREAMS) + 1 of stream n % STREAMS: journals interleaved.
  function* rows(from: number, to: number): Generator<string> {
    let lines: string[] = [];
    for (let sequence = from; sequence < to; sequence++) {
      const stream = sequence % STREAMS;
      const version = Math.floor(sequence / STREAMS) + 1;
      const streamId = `journal-bench-${stream}`;
      const event = sampleMark(streamId, version, sequence, recordedAt);
      const canonical = canonicalOf(event);
      const before = prev[stream] ?? null;
      const hash = chainHash(before, canonical);
      prev[stream] = hash;
      lines.push(
        `${event.eventId}\t${streamId}\t${version}\tjournal\tMarkRecorded\t2\t${event.tenant.regionId}\t` +
          `${event.tenant.schoolId}\t${event.occurredAt}\t${recordedAt}\t\\\\x${canonical.toString('hex')}\t{}\t` +
          `${before ? `\\\\x${before.toString('hex')}` : '\\N'}\t\\\\x${hash.toString('hex')}\n`,
      );
      if (lines.length === 5_000) {
        yield lines.join('');
        lines = [];
      }
    }
    if (lines.length) yield lines.join('');
  }
  const client = await pool.connect();
  try {
    for (let from = 0; from < total; from += COPY_ROWS) {
      await pipeline(
        Readable.from(rows(from, Math.min(total, from + COPY_ROWS))),
        client.query(copyFrom(`COPY event_store.events (${COLUMNS}) FROM STDIN`)),
      );
    }
  } finally {
    client.release();
  }
}

const MARKERS = {
  eventId: 'QQeventIdQQ',
  streamId: 'QQstreamIdQQ',
  correlationId: 'QQcorrelationIdQQ',
  markId: 'QQmarkIdQQ',
  lessonId: 'QQlessonIdQQ',
  pupilId: 'QQpupilIdQQ',
  value: 'QQvalueQQ',
} as const;
const VERSION_MARKER = 987654321;

/**
 * RFC 8785 bytes by filling a template made once by `hashedBytes` (key order does not depend
 * on the values, and these values need no escaping): canonicalising a million events one by one
 * takes longer than the benchmark itself. The first events are checked against `hashedBytes`.
 */
const template = (() => {
  const marked = sampleMark('journal-x', 1, 0, '2026-10-12T06:45:00.000Z');
  const text = hashedBytes({
    ...marked,
    eventId: MARKERS.eventId,
    streamId: MARKERS.streamId,
    streamVersion: VERSION_MARKER,
    correlationId: MARKERS.correlationId,
    data: {
      ...(marked.data as object),
      ...pick(MARKERS, 'markId', 'lessonId', 'pupilId', 'value'),
    },
  }).toString();
  const names = [...Object.keys(MARKERS), 'streamVersion'];
  const pattern = new RegExp(`(${[...Object.values(MARKERS), String(VERSION_MARKER)].join('|')})`);
  const parts = text.split(pattern);
  const byMarker = new Map<string, string>([
    ...Object.entries(MARKERS).map(([name, marker]) => [marker, name] as [string, string]),
    [String(VERSION_MARKER), 'streamVersion'],
  ]);
  if (parts.filter((_, i) => i % 2 === 1).length !== names.length) throw new Error('bad template');
  return parts.map((part, i) => (i % 2 === 1 ? { field: byMarker.get(part) as string } : part));
})();
let checked = 0;

function canonicalOf(event: ReturnType<typeof sampleMark>): Buffer {
  const data = event.data as Record<string, string>;
  const values = { ...event, ...data } as unknown as Record<string, string | number>;
  const bytes = Buffer.from(
    template.map((part) => (typeof part === 'string' ? part : String(values[part.field]))).join(''),
  );
  if (checked < 100 && (checked += 1) && !bytes.equals(hashedBytes(event))) {
    throw new Error('the canonical template disagrees with hashedBytes');
  }
  return bytes;
}

function pick<T extends object, K extends keyof T>(object: T, ...keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, object[key]])) as Pick<T, K>;
}

function sampleMark(
  streamId: string,
  streamVersion: number,
  sequence: number,
  recordedAt: string,
): Pick<RecordedEvent, HashedField> & { tenant: { regionId: string; schoolId: string } } {
  const hex = sequence.toString(16).padStart(12, '0');
  return {
    eventId: `01900000-0000-7000-8000-${hex}`,
    type: 'MarkRecorded',
    schemaVersion: 2,
    streamId,
    streamVersion,
    occurredAt: '2026-10-12T09:45:00+03:00',
    recordedAt,
    tenant: { regionId: 'crimea', schoolId: 'school-0042' },
    actor: { userId: 'teacher-0007', role: 'teacher', onBehalfOf: null },
    correlationId: `bench-${sequence}`,
    causationId: null,
    data: {
      markId: `mark-${sequence}`,
      lessonId: `lesson-${sequence % 170}`,
      pupilId: `pupil-${sequence % 30}`,
      value: String((sequence % 5) + 1),
      workType: 'classwork',
      weight: 1,
    },
  };
}

/**
 * A store of a million events has long been vacuumed and its pages written out. Freshly seeded,
 * it has not: autovacuum would scan its gigabyte, and the first reads set every row's hint bits
 * and the checkpointer write them out, during the timed export. Done here, untimed.
 */
async function settle(pool: Pool): Promise<void> {
  await pool.query('VACUUM (ANALYZE) event_store.events, event_store.merkle_leaves');
  await pool.query('CHECKPOINT');
}

/** Builds until every event is a leaf: another transaction in the cluster may hold the horizon. */
async function buildLog(pool: Pool, events: number): Promise<void> {
  const builder = new LogBuilder(pool, 20_000);
  let leaves = 0;
  for (const deadline = Date.now() + 300_000; leaves < events;) {
    const added = await builder.catchUp();
    leaves += added;
    if (Date.now() > deadline) throw new Error(`only ${leaves} of ${events} events were logged`);
    if (added === 0) await setTimeout(50);
  }
}
