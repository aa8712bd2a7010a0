import { httpClient } from '@ejournal/testing';
import mongoose from 'mongoose';
import { availableParallelism, loadavg } from 'node:os';
import { percentile, round } from '../measure';
import { watchCpu } from './cpu';
import { YEAR_LESSONS } from './history';
import { ferretLimits, postgresLimits, readStoreProbes } from './limits';
import { lookupScale } from './lookup-scale';
import {
  COLUMN_EVERY,
  coWriters,
  firstCommands,
  offeredTeachers,
  runTeachers,
  trickle,
} from './load';
import { createPlatform } from './platform';
import { headerWatcher } from './projection';
import { readGrids } from './reads';
import { lagFigures, loadFigures, met, TARGETS } from './report';
import { benchSchool, SCHOOL_ID } from './school';
import { prepareJournals } from './setup';
import { startTokenIssuer } from './tokens';

const size = (variable: string, fallback: number) => Number(process.env[variable] ?? fallback);
const log = (message: string) => process.stderr.write(`[bench journal] ${message}\n`);

/**
 * The journal service built and run as in production (relay and identity facts consumer on)
 * against the local PostgreSQL, Kafka and FerretDB: 50 teachers recording marks and lesson
 * columns on their journals, the append-to-grid lag, the live and as-of grids of year
 * journals; beside them what PostgreSQL and FerretDB do alone, measured in the same run.
 */
export async function benchJournal() {
  const begun = performance.now();
  const fullYear = size('BENCH_JOURNAL_FULL_YEAR', 50);
  const loadSeconds = size('BENCH_JOURNAL_LOAD_SECONDS', 30);
  const lagWaitMs = size('BENCH_JOURNAL_LAG_WAIT_MS', 45_000);
  const loadBefore = round(loadavg()[0] ?? 0, 2);
  log('PostgreSQL alone: raw inserts, then store appends of 1 and 31 events');
  const postgres = await postgresLimits();
  const school = benchSchool();
  const platform = await createPlatform();
  const tokens = await startTokenIssuer(SCHOOL_ID);
  const cleanups: (() => Promise<unknown>)[] = [() => tokens.close()];
  try {
    log('FerretDB alone: findOne by _id');
    const ferret = await ferretLimits(platform.mongoUrl('_raw'));
    const projectWithinMs = size('BENCH_JOURNAL_PROJECT_MS', 200_000);
    const options = { fullYear, projectWithinMs };
    const prepared = await prepareJournals(platform, tokens, school, options, log, cleanups);
    const { journal, journals } = prepared;
    const call = httpClient(journal.baseUrl);
    const mongo = await mongoose.createConnection(platform.mongoUrl('')).asPromise();
    cleanups.push(() => mongo.close());
    const watcher = headerWatcher(
      mongo,
      journals.map((j) => j.journalId),
    );
    cleanups.push(() => watcher.stop());
    log('first command on each journal; then 15 single marks, 1 s apart');
    const firstCommand = await firstCommands(call, tokens, journals, watcher.sample);
    const firstLag = lagFigures(await watcher.settle(30_000));
    const unloadedMs = await trickle(call, tokens, journals, 15, 1000, watcher.sample);
    const unloadedLag = lagFigures(await watcher.settle(20_000));
    const years = journals.slice(0, fullYear);
    log(`grid and as-of of the ${years.length} year journals`);
    const reads = await readGrids(call, tokens, years, {
      seconds: size('BENCH_JOURNAL_READ_SECONDS', 10),
      gridConcurrency: 10,
      asOfConcurrency: size('BENCH_JOURNAL_ASOF_CONCURRENCY', 2),
    });
    const readStore = await readStoreProbes(
      mongo,
      years.slice(0, 10).map((j) => j.journalId),
    );
    log(`load: ${journals.length} teachers for ${loadSeconds} s`);
    const cpu = await watchCpu(platform.journalAdmin, journal.pid, platform.journalDb);
    const [projectedBefore, loadStarted] = [watcher.projected(), performance.now()];
    const load = await runTeachers(call, tokens, journals, loadSeconds, watcher.sample);
    const cpuUse = await cpu();
    log(`load done; waiting up to ${lagWaitMs / 1000} s for its commands to reach the grid`);
    const lag = lagFigures(await watcher.settle(lagWaitMs));
    const projection = {
      events: watcher.projected() - projectedBefore,
      seconds: (performance.now() - loadStarted) / 1000,
    };
    const figures = loadFigures(load, projection, cpuUse);
    const offered = size('BENCH_JOURNAL_OFFERED_MARKS', 1000);
    log(`open loop: ${offered} marks/s offered for ${loadSeconds} s`);
    const [openProjected, openStarted] = [watcher.projected(), performance.now()];
    const open = await offeredTeachers(
      call,
      tokens,
      journals,
      offered,
      loadSeconds,
      watcher.sample,
    );
    const openLag = lagFigures(await watcher.settle(lagWaitMs));
    const openFigures = loadFigures(
      open,
      {
        events: watcher.projected() - openProjected,
        seconds: (performance.now() - openStarted) / 1000,
      },
      {},
    );
    log('co-writers: 10 clients on one journal, 2,000 saves');
    const sameJournal = await coWriters(call, tokens, journals[0] as (typeof journals)[number]);
    const stopped = await journal.stop();
    const lookups = await lookupScale(
      platform.mongoUrl('_lookups'),
      process.env['READ_STORE_POSTGRES_URL'],
      size('BENCH_LOOKUP_SMALL', 10_000),
      size('BENCH_LOOKUP_LARGE', 1_000_000),
      log,
    );
    return {
      ...figures,
      recordMark: { ...figures.recordMark, unloadedP50Ms: percentile(unloadedMs, 50) },
      projectionLag: {
        ...lag,
        unloaded: unloadedLag,
        afterFirstCommands: firstLag,
        of: 'command answered → its version in the journal header in FerretDB',
      },
      grid: reads.grid,
      asOf: reads.asOf,
      load: { ...figures.load, teachers: journals.length, columnEvery: COLUMN_EVERY },
      history: {
        ...prepared.history,
        fullYearJournals: fullYear,
        lessonsPerYearJournal: YEAR_LESSONS,
        historyEventsPerJournal: {
          fullYear: years[0]?.historyEvents,
          others: journals[fullYear]?.historyEvents ?? null,
        },
        firstCommandAfterHistory: firstCommand,
      },
      limits: { postgres, ferret },
      readStore,
      lookups,
      openLoop: {
        offeredMarksPerSec: offered,
        marksPerSec: openFigures.marksPerSec,
        recordMark: openFigures.recordMark,
        column: openFigures.column,
        projectionLag: openLag,
        liveProjection: openFigures.liveProjection,
        refused: open.refused,
        of: 'the same commands started at a fixed rate (teachers arriving), not as closed loops',
      },
      coWriters: sameJournal,
      service: { ...journal.logs(), stop: stopped },
      machine: { cores: availableParallelism(), loadAverageBefore: loadBefore },
      benchSeconds: round((performance.now() - begun) / 1000, 0),
      targets: TARGETS,
      met: {
        lookupsFlat: lookups.flat,
        coWritersNeverRefused: sameJournal.refusedTotal === 0,
        openLoop: {
          recordP99Ms: openFigures.recordMark.p99Ms <= TARGETS.recordP99Ms,
          marksPerSec: openFigures.marksPerSec >= TARGETS.marksPerSec,
          projectionLagP99Ms: openLag.p99Ms <= TARGETS.projectionLagP99Ms,
        },
        ...met({
          recordP99Ms: figures.recordMark.p99Ms,
          marksPerSec: figures.marksPerSec,
          lag,
          gridP99Ms: reads.grid.p99Ms,
          asOfP99Ms: reads.asOf.p99Ms,
        }),
      },
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => log(String(error)));
    await platform.drop();
  }
}
