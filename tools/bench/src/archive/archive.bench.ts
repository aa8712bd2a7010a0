import {
  createTestDatabase,
  dropMongo,
  dropRoles,
  startBuiltService,
  testMongoUrl,
  testReadStorePostgresUrl,
  type RunningService,
} from '@ejournal/testing';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { Client } from 'pg';
import { runConcurrently } from '../measure';
import { measureExportVerify } from './export-verify';
import { AUDIENCE, ISSUER, startIdentityStandIn } from './identity-stand-in';
import {
  catalogueRecords,
  SCHOOL_ID,
  seedSchoolYear,
  START_YEAR,
  type SchoolYear,
} from './school-year';

type Journal = SchoolYear['journals'][number];

const run = promisify(execFile);
const log = (message: string) => process.stderr.write(`[bench archive] ${message}\n`);
const PKI_SCRIPT = path.resolve(
  __dirname,
  '../../../../../services/archive/scripts/local-signing-pki.sh',
);
const LIMITS = { journalPdfMs: 1000, schoolYearMs: 60_000, verifyEventsPerSec: 100_000 };
/** Two archive replicas share the job queue: PDF rendering is CPU-bound, one per core. */
const REPLICAS = Number(process.env['BENCH_ARCHIVE_REPLICAS'] ?? 2);

async function until(what: string, withinMs: number, check: () => Promise<boolean>) {
  for (const deadline = Date.now() + withinMs; !(await check());) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Issue 16's year-end documents at a school's scale, on the built archive (two replicas
 * sharing the job queue) against the local PostgreSQL, FerretDB and a filesystem document
 * store: a 1,000-pupil school's year (40 classes × 15 subjects, 600 journals of 34–170 lessons
 * and 40 summary sheets, ~300,000 events) is in the archive's read model as its consumer keeps
 * it; then timed: one journal's PDF (the largest, 170 lessons) from its job queued to it
 * catalogued; the whole year from its jobs queued (as sealing queues them) to the last of the
 * 640 documents produced, stored, catalogued and signed through the API by the head
 * (detached CAdES-BES, software key). Names come from a stand-in of identity's batch API.
 * Then, with the replicas stopped, the auditor export and offline verification of 1,000,000
 * events (export-verify.ts).
 */
export async function benchArchive() {
  const begun = performance.now();
  const documents = await benchDocuments();
  // The documents' replicas are stopped by now: idle, they still poll their job queue every
  // 20 ms, which cost the export and its verification a share of both cores.
  let verify: Record<string, unknown>;
  try {
    verify = { ...(await measureExportVerify()), limitEventsPerSec: LIMITS.verifyEventsPerSec };
  } catch (error) {
    verify = { error: String(error), limitEventsPerSec: LIMITS.verifyEventsPerSec };
  }
  return {
    ...documents,
    verify,
    seconds: Math.round((performance.now() - begun) / 1000),
    // Other work on the machine during the run shows here: the figures are wall-clock.
    machine: { cores: availableParallelism(), loadAverage1m: Number(loadavg()[0]?.toFixed(1)) },
    limits: LIMITS,
  };
}

/** The year-end documents' part: one journal's PDF, then the school's year, as figures. */
async function benchDocuments() {
  const database = await createTestDatabase('archive bench');
  const mongo = testMongoUrl('archive bench');
  const pki = await mkdtemp(path.join(tmpdir(), 'archive-bench-pki-'));
  const documents = await mkdtemp(path.join(tmpdir(), 'archive-bench-documents-'));
  await run('bash', [PKI_SCRIPT, pki]);
  const identity = await startIdentityStandIn(SCHOOL_ID);
  const replicas: RunningService[] = [];
  const admin = new Client({ connectionString: database.url });
  const connection = await mongoose.createConnection(mongo.url).asPromise();
  try {
    const env = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '',
      MONGO_URL: mongo.url,
      READ_STORE_POSTGRES_URL: testReadStorePostgresUrl(),
      AUTH_JWKS_URL: `${identity.url}/.well-known/jwks.json`,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
      CONSUMERS_ENABLED: 'false',
      INTEGRITY_ENABLED: 'false',
      DOCUMENTS_POLL_MS: '20',
      // Jobs in flight per replica: one renders while the others wait on their databases.
      DOCUMENTS_CONCURRENCY: '3',
      DOCUMENT_STORE_DIR: documents,
      IDENTITY_URL: identity.url,
      SERVICE_TOKEN_URL: `${identity.url}/auth/token`,
      ARCHIVE_CLIENT_SECRET: 'bench-archive-client-secret',
      SIGNING_KEYS_DIR: pki,
      SIGNING_TRUST_ANCHORS: path.join(pki, 'ca.pem'),
      // e.g. `--cpu-prof --cpu-prof-dir=/tmp/profiles` to see where a replica's time goes.
      ...(process.env['BENCH_ARCHIVE_NODE_OPTIONS']
        ? { NODE_OPTIONS: process.env['BENCH_ARCHIVE_NODE_OPTIONS'] }
        : {}),
    };
    for (let i = 0; i < REPLICAS; i += 1)
      replicas.push(await startBuiltService('archive', env, 60_000));
    await admin.connect();
    let seeded = performance.now();
    const year = await seedSchoolYear(admin);
    await connection.collection('records').insertMany(catalogueRecords(year) as never[]);
    seeded = performance.now() - seeded;
    log(
      `seeded ${year.events} events, ${year.journals.length} journals, ${year.sheets.length} sheets in ${Math.round(seeded)} ms`,
    );

    const queue = (items: { recordId: string; version: number }[], kind: string) =>
      admin.query(
        `INSERT INTO archive.document_jobs (record_id, kind, source_version, school_id, start_year)
           SELECT unnest($1::text[]), $2, unnest($3::int[]), $4, $5`,
        [items.map((i) => i.recordId), kind, items.map((i) => i.version), SCHOOL_ID, START_YEAR],
      );
    const done = async () =>
      Number(
        (await admin.query(`SELECT count(*) AS n FROM archive.document_jobs WHERE status = 'done'`))
          .rows[0].n,
      );

    // The first job of a fresh process also loads and parses the fonts: timed apart.
    const [warmUp, largest] = year.journals.filter((j) => j.lessons === 170) as [Journal, Journal];
    const timeOne = async (journal: Journal, expected: number) => {
      const begin = performance.now();
      await queue([journal], 'journal');
      await until('one journal', 60_000, async () => (await done()) === expected);
      return Math.round(performance.now() - begin);
    };
    const coldMs = await timeOne(warmUp, 1);
    const journalPdfMs = await timeOne(largest, 2);
    log(`one journal (${largest.lessons} lessons) in ${journalPdfMs} ms (${coldMs} ms cold)`);

    const rest = year.journals.filter((j) => j !== largest && j !== warmUp);
    const total = year.journals.length + year.sheets.length;
    const started = performance.now();
    await queue(rest, 'journal');
    await queue(year.sheets, 'summary_sheet');
    await until('the school year', 600_000, async () => (await done()) === total);
    const produceMs = performance.now() - started;
    log(`${total} documents produced in ${Math.round(produceMs)} ms`);
    const token = await identity.headToken();
    const recordIds = [...year.journals, ...year.sheets].map((item) => item.recordId);
    const failures: string[] = [];
    await runConcurrently(16, recordIds.length, async (i) => {
      const replica = replicas[i % replicas.length] as RunningService;
      const answer = await fetch(`${replica.baseUrl}/records/${recordIds[i]}/document/signatures`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      if (answer.status !== 201)
        failures.push(`${recordIds[i]}: ${answer.status} ${await answer.text()}`);
    });
    const schoolYearMs = Math.round(performance.now() - started);
    if (failures.length > 0) log(`signing failures: ${failures.slice(0, 3).join('; ')}`);
    log(
      `signed ${recordIds.length - failures.length} in ${Math.round(schoolYearMs - produceMs)} ms`,
    );

    return {
      journalPdf: {
        ms: journalPdfMs,
        // The first job of a fresh process: it also loads and parses the fonts.
        coldMs,
        lessons: largest.lessons,
        pupils: 25,
        limitMs: LIMITS.journalPdfMs,
      },
      schoolYear: {
        ms: schoolYearMs,
        produceMs: Math.round(produceMs),
        signMs: Math.round(schoolYearMs - produceMs),
        journals: year.journals.length,
        sheets: year.sheets.length,
        signed: recordIds.length - failures.length,
        events: year.events,
        replicas: REPLICAS,
        documentsPerSec: Math.round(total / (produceMs / 1000)),
        namesServed: identity.namesServed(),
        limitMs: LIMITS.schoolYearMs,
      },
    };
  } finally {
    for (const replica of replicas) await replica.stop();
    await identity.close();
    await admin.end().catch(() => undefined);
    await connection.close();
    await dropMongo(mongo.url);
    await database.drop();
    await dropRoles([database.name]);
    await rm(pki, { recursive: true, force: true });
    await rm(documents, { recursive: true, force: true });
  }
}
