import { httpClient } from '@ejournal/testing';
import { addDays } from '@ejournal/decider';
import { availableParallelism, loadavg } from 'node:os';
import { percentile, round, runConcurrently } from '../measure';
import { watchCpu } from '../journal/cpu';
import { startJournal } from '../journal/journal-process';
import { createPlatform } from '../journal/platform';
import { projectorCatchUp } from '../journal/projection';
import { REGION_ID } from '../journal/school';
import { startRegionTokens } from './region-tokens';
import { readInThread } from '../timed-reads/reads-in-thread';
import { timedReads } from '../timed-reads/timed-reads';
import {
  appendRegionPlanning,
  appendSchoolJournals,
  journalId,
  schoolId,
  SUBJECTS,
  TEACHERS,
  teacherId,
  writePupils,
  writeRegionFacts,
} from './region';

const size = (variable: string, fallback: number) => Number(process.env[variable] ?? fallback);
const log = (message: string) => process.stderr.write(`[bench planning] ${message}\n`);

/** The journal's completion projection (CompletionProjector): its subscription's name. */
const COMPLETION_SUBSCRIPTION = 'journal-completion';

export const TARGETS = { todayP99Ms: 50, gridP99Ms: 50, regionSummaryP99Ms: 1000 };
/** A Wednesday of the first quarter: "today" of the measured teachers. */
const TODAY = '2026-10-14';

/** Weekdays from the first of September up to the day before `until`, as many as `count`. */
function schoolDaysBefore(until: string, count: number): string[] {
  const days: string[] = [];
  for (let date = '2026-09-01'; date < until && days.length < count; date = addDays(date, 1)) {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(date);
  }
  return days;
}

interface Measured {
  latenciesMs: number[];
  /**
   * CPU milliseconds per request (Linux): the journal service, PostgreSQL for its database,
   * and this process, the measuring clients.
   */
  cpuMsPerRequest?: { service: number; postgresForJournal: number; client: number };
  /** How busy the machine was meanwhile (0..1): others' work shares its cores. */
  machineBusy?: number;
}

const figures = ({ latenciesMs, cpuMsPerRequest, machineBusy }: Measured, limitMs: number) => {
  const p99Ms = percentile(latenciesMs, 99);
  return {
    p50Ms: percentile(latenciesMs, 50),
    p99Ms,
    limitMs,
    met: p99Ms < limitMs,
    requests: latenciesMs.length,
    cpuMsPerRequest,
    machineBusy,
  };
};

/**
 * Planning at region scale (issue 21): the journal built and run against the local
 * PostgreSQL and FerretDB; a region of 550 schools (40 classes each, 30 lessons a week per
 * class) planned in its store, identity's facts of the region in its projection; one school's
 * journals opened, some with weeks of lessons and marks of 30 pupils. Measured over HTTP: a
 * teacher's "today", the grid with planned columns, the regional completion summary.
 */
export async function benchPlanning() {
  const schools = size('BENCH_PLANNING_SCHOOLS', 550);
  const classes = size('BENCH_PLANNING_CLASSES', 40);
  const heldJournals = size('BENCH_PLANNING_HELD_JOURNALS', 20);
  const warmUp = size('BENCH_PLANNING_WARM_UP', 300);
  const platform = await createPlatform();
  const tokens = await startRegionTokens();
  const env = {
    ...platform.journalEnv(platform.mongoUrl(''), tokens.jwksUrl),
    // Only what the reads need: no relay to Kafka, no Merkle log over the load.
    RELAY_ENABLED: 'false',
    INTEGRITY_ENABLED: 'false',
    FACTS_CONSUMER_ENABLED: 'false',
  };
  const journal = await startJournal(env);
  const reads = timedReads(journal.baseUrl);
  try {
    log(`facts of ${schools} schools × ${classes} classes into journal_facts`);
    await writeRegionFacts(platform.journalAdmin, schools, classes);
    await writePupils(platform.journalAdmin, 0, classes);
    log('planning streams: bells, curriculum and a weekly timetable per class');
    const planning = await appendRegionPlanning(platform.journalAppUrl(), schools, classes);
    log(
      `${planning.events} events in ${round(planning.seconds, 1)} s; the measured school's journals`,
    );
    const dates = schoolDaysBefore(TODAY, 30);
    const journalEvents = await appendSchoolJournals(platform.journalAppUrl(), 0, classes, {
      journals: heldJournals,
      dates,
    });
    const projected = await projectorCatchUp(platform.journalAdmin, log, 600_000);
    log(`projector: ${projected.events} events in ${projected.seconds} s`);
    // Programme completion's own projection, over every stream (planning, plans, journals).
    const completion = await projectorCatchUp(
      platform.journalAdmin,
      log,
      600_000,
      COMPLETION_SUBSCRIPTION,
    );
    log(`completion: ${completion.events} events in ${completion.seconds} s; measuring`);
    const call = httpClient(journal.baseUrl);
    const school = { kind: 'school' as const, id: schoolId(0) };
    const teacherTokens = await Promise.all(
      Array.from({ length: TEACHERS }, (_, t) => tokens.token(teacherId(0, t), 'teacher', school)),
    );
    const deputy = await tokens.token('deputy-0', 'deputy_head', school);
    const regional = await tokens.token('regional-1', 'regional_operator', {
      kind: 'region',
      id: REGION_ID,
    });
    const expectOk = async (url: string, token: string) => {
      const answer = await call('GET', url, { token });
      if (answer.status !== 200)
        throw new Error(`${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body;
    };
    // Four clients reading at once on their own thread (readInThread), iteration i making the
    // i-th read (cycling), each timed to the last byte of its answer, checked against the one
    // parsed before (timedReads). First unmeasured rounds of the same reads: the measured ones
    // find the service's and the clients' code compiled and their heaps grown, as in a service
    // that has been answering (the first 300 cost ~1.5x the CPU). With each figure what a
    // request costs the service, its PostgreSQL and the clients (CPU, per request): a figure a
    // loaded machine changes less than latencies.
    const measured = async (cycle: { url: string; token: string }[]) => {
      const threadReads = cycle.map(({ url, token }) => {
        const answer = reads.answerOf(url, token);
        if (!answer) throw new Error(`${url}: not learned before the measuring`);
        return { url, token, answer };
      });
      let cpu: Awaited<ReturnType<typeof watchCpu>> | undefined;
      let clientCpu = process.cpuUsage();
      const work = { baseUrl: journal.baseUrl, reads: threadReads, concurrency: 4, warmUp };
      const { seconds, latenciesMs } = await readInThread({ ...work, total: 300 }, async () => {
        cpu = await watchCpu(platform.journalAdmin, journal.pid, platform.journalDb);
        clientCpu = process.cpuUsage();
      });
      const { user, system } = process.cpuUsage(clientCpu);
      if (!cpu) throw new Error('the reading thread timed before it was warm');
      const use = await cpu();
      const perRequest = (cores: number) => round((cores * seconds * 1000) / latenciesMs.length, 2);
      const cpuMsPerRequest = {
        service: perRequest(use.serviceCores),
        postgresForJournal: perRequest(use.postgresForJournalCores),
        client: round((user + system) / 1000 / latenciesMs.length, 2),
      };
      return { latenciesMs, cpuMsPerRequest, machineBusy: use.machineBusy };
    };
    const todayUrl = `/teachers/me/lessons?date=${TODAY}`;
    const lessonsToday = (await expectOk(todayUrl, teacherTokens[0] ?? '')).lessons
      .length as number;
    for (const token of teacherTokens) await reads.learn(todayUrl, token);
    const today = await measured(teacherTokens.map((token) => ({ url: todayUrl, token })));
    const gridUrl = (i: number) =>
      `/journals/${journalId(0, Math.floor(i / SUBJECTS), i % SUBJECTS)}/grid?planned=true`;
    const heldUrl = (i: number) => gridUrl(i).replace('?planned=true', '');
    const sample = await reads.learn(gridUrl(0), deputy);
    for (let i = 1; i < heldJournals; i += 1) await reads.learn(gridUrl(i), deputy);
    for (let i = 0; i < heldJournals; i += 1) await reads.learn(heldUrl(i), deputy);
    const journals = Array.from({ length: heldJournals }, (_, i) => i);
    const grid = await measured(journals.map((i) => ({ url: gridUrl(i), token: deputy })));
    // The same grids without their planned columns, in the same run: what planning adds.
    const heldOnly = await measured(journals.map((i) => ({ url: heldUrl(i), token: deputy })));
    const summaryUrl = `/completion?year=2026&upTo=${TODAY}`;
    const first = performance.now();
    const summary = await expectOk(summaryUrl, regional);
    const coldMs = round(performance.now() - first, 1);
    const region = await runConcurrently(1, size('BENCH_PLANNING_SUMMARY_RUNS', 5), async () => {
      await expectOk(summaryUrl, regional);
    });
    return {
      today: {
        ...figures(today, TARGETS.todayP99Ms),
        lessonsOfTheFirstTeacher: lessonsToday,
      },
      grid: {
        ...figures(grid, TARGETS.gridP99Ms),
        pupils: sample.pupils.length,
        heldColumns: sample.lessons.length,
        plannedColumns: sample.planned.length,
        withoutPlanned: figures(heldOnly, TARGETS.gridP99Ms),
      },
      regionSummary: {
        ...figures(region, TARGETS.regionSummaryP99Ms),
        coldMs,
        schools: summary.schools.length,
      },
      load: {
        /** The machine's 1-minute load average at the end: others' work shares its cores. */
        loadAverage: round(loadavg()[0] ?? 0, 2),
        cores: availableParallelism(),
        schools,
        classesPerSchool: classes,
        lessonsPerWeekPerClass: 30,
        /** Unmeasured reads before each of today's, the grid's and the held grid's 300. */
        warmUpReads: warmUp,
        planningEvents: planning.events,
        planningAppendSeconds: round(planning.seconds, 1),
        journalEvents,
        projectorSeconds: projected.seconds,
        completionProjectorSeconds: completion.seconds,
      },
    };
  } finally {
    reads.close();
    await journal.stop();
    await tokens.close();
    await platform.drop();
  }
}
