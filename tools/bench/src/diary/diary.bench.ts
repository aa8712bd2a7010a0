import { httpClient } from '@ejournal/testing';
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { percentile, round } from '../measure';
import { publishIdentityFacts, waitForFacts } from '../journal/identity-facts';
import { startJournal } from '../journal/journal-process';
import { openJournals } from '../journal/open-journals';
import { createPlatform } from '../journal/platform';
import { benchSchool, SCHOOL_ID } from '../journal/school';
import { startTokenIssuer } from '../journal/tokens';
import { lagsOf, startWebhookApp, watchTopic, type Seen } from './delivery-watch';
import { benchDiaryWiring, startDiary, type DiaryProcess } from './diary-process';
import { appendFamilies } from './family-facts';
import { holdLessons, markLoad } from './mark-load';
import { diaryStages } from './stages';
import { readWeeks, seedWeeks } from './week-reads';
import { waitUntil } from './wait-until';

const size = (variable: string, fallback: number) => Number(process.env[variable] ?? fallback);
const log = (message: string) => process.stderr.write(`[bench diary] ${message}\n`);
const LIMITS = { notificationP99Ms: 1000, webhookP99Ms: 2000, weekP99Ms: 50, storeWeeks: 20_000 };

const until = (what: string, withinMs: number, check: () => Promise<boolean>) =>
  waitUntil(what, withinMs, check, log);

const count = async (diary: DiaryProcess, sql: string) =>
  Number((await diary.db.query<{ n: string }>(sql)).rows[0]?.n ?? 0);

/** When each mark's event was first on the journal's topic (the journal relay's part done). */
const firstSeen = (seen: Seen) =>
  new Map([...seen].map(([markId, of]) => [markId, Math.min(...of.values())]));

/**
 * From sending the mark (the target); from the journal's answer; and from the mark's event on
 * the journal's topic (the diary's own part: consumer, outbox, relay or webhook sender).
 */
const figures = (
  load: { sent: Map<string, number>; answered: Map<string, number> },
  seen: Seen,
  onJournalTopic: Seen,
) => {
  const { lagsMs, missing } = lagsOf(load.sent, seen, 2);
  const afterAnswer = lagsOf(load.answered, seen, 2).lagsMs;
  const diaryPart = lagsOf(firstSeen(onJournalTopic), seen, 2).lagsMs;
  return {
    p50Ms: percentile(lagsMs, 50),
    p99Ms: percentile(lagsMs, 99),
    afterAnswerP99Ms: percentile(afterAnswer, 99),
    fromJournalTopicP50Ms: percentile(diaryPart, 50),
    fromJournalTopicP99Ms: percentile(diaryPart, 99),
    notifications: lagsMs.length,
    missing,
  };
};

/**
 * The journal and the diary built and run as in production against the local PostgreSQL,
 * Kafka and FerretDB, identity's facts (a school of 1,500 pupils, a consenting parent each)
 * from an identity store through its relay: marks through the journal's HTTP API at a fixed
 * rate (open loop), in column saves and then in single-mark commands, each timed to its two
 * notifications (pupil, parent) on the topic and at a verifying webhook; then parents' week reads with the read store filled to 20,000 weeks.
 */
export async function benchDiary() {
  const begun = performance.now();
  const rate = size('BENCH_DIARY_RATE', 200);
  const seconds = size('BENCH_DIARY_SECONDS', 30);
  const storeWeeks = size('BENCH_DIARY_WEEKS', LIMITS.storeWeeks);
  const loadBefore = round(loadavg()[0] ?? 0, 2);
  const school = benchSchool();
  const pupils = school.classes.flatMap((each) => each.pupils);
  const platform = await createPlatform();
  const tokens = await startTokenIssuer(SCHOOL_ID);
  const cleanups: (() => Promise<unknown>)[] = [() => tokens.close()];
  try {
    log('identity facts: the school and a consenting parent per pupil, relayed to Kafka');
    const facts = await publishIdentityFacts(platform, school);
    cleanups.push(() => facts.relay.stop());
    const journal = await startJournal(platform.journalEnv(platform.mongoUrl(''), tokens.jwksUrl));
    cleanups.push(() => journal.stop());
    await waitForFacts(platform, facts.streams);
    // Appended once the journal has the school: its relay publishes them after the school's.
    await appendFamilies(platform, school);
    const call = httpClient(journal.baseUrl);
    const journals = await openJournals(call, tokens, school);
    log(`${journals.length} journals open; starting the diary`);
    const diary = await startDiary(benchDiaryWiring(platform, tokens.jwksUrl));
    cleanups.push(() => diary.drop());
    await until('the diary’s identity facts', 120_000, async () => {
      const consents = await count(diary, 'SELECT count(*) AS n FROM diary_facts.consents');
      return consents >= pupils.length;
    });
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const webhookApp = await startWebhookApp(secret);
    cleanups.push(() => webhookApp.close());
    const registered = await httpClient(diary.baseUrl)('POST', '/webhooks', {
      token: await tokens.token('school-admin-bench', 'school_admin'),
      json: { url: webhookApp.url, secret, schoolIds: [SCHOOL_ID], kinds: ['mark_recorded'] },
    });
    if (registered.status !== 201) throw new Error(`webhook: ${JSON.stringify(registered.body)}`);
    const topic = await watchTopic(diary.topic);
    cleanups.push(() => topic.close());
    const journalTopic = await watchTopic(platform.topics.journal, (value) => value.eventId);
    cleanups.push(() => journalTopic.close());
    const lessons = await holdLessons(call, tokens, journals);
    const settle = size('BENCH_DIARY_SETTLE_MS', 30_000);
    /** Marks at `rate`/s in commands of `perCommand`, each timed to its two notifications. */
    const marksIn = async (perCommand: number) => {
      log(`marks: ${rate}/s for ${seconds} s (open loop), ${perCommand} per command`);
      const load = await markLoad(call, tokens, journals, lessons, { rate, seconds, perCommand });
      await until('every notification on the topic and at the webhook', settle, async () =>
        [topic.seen, webhookApp.seen].every((seen) => lagsOf(load.sent, seen, 2).missing === 0),
      );
      return {
        notification: figures(load, topic.seen, journalTopic.seen),
        webhook: {
          ...figures(load, webhookApp.seen, journalTopic.seen),
          forged: webhookApp.forged(),
        },
        diaryStages: await diaryStages(diary, journalTopic.seen, new Set(load.sent.keys())),
        journalRelay: {
          p99Ms: percentile(lagsOf(load.answered, journalTopic.seen, 1).lagsMs, 99),
          of: 'journal’s answer → the mark’s event on the journal topic',
        },
        load: {
          marksPerSec: rate,
          marksPerCommand: perCommand,
          seconds: round(load.seconds, 1),
          marks: load.sent.size,
          refused: load.refused,
          failures: load.failures,
          commandP99Ms: percentile(load.answerMs, 99),
          pupils: pupils.length,
        },
      };
    };
    // Column saves first: the single-mark phase may leave the journal behind (see the README).
    const column = await marksIn(size('BENCH_DIARY_COLUMN', 30));
    const single = await marksIn(1);
    const { notification, webhook } = column;
    await until('the weeks written', 60_000, async () => {
      const stale = await count(diary, 'SELECT count(*) AS n FROM diary.stale_documents');
      return stale === 0;
    });
    log(`read store: filling to ${storeWeeks} weeks`);
    const seedStarted = performance.now();
    const seeded = await seedWeeks(diary, storeWeeks);
    const seedSeconds = round((performance.now() - seedStarted) / 1000, 1);
    log(`${seeded} weeks inserted in ${seedSeconds} s; parents read their child’s week`);
    const reads = await readWeeks(
      diary.baseUrl,
      tokens,
      diary,
      pupils,
      size('BENCH_DIARY_READS', 4000),
    );
    const met = {
      notification: notification.missing === 0 && notification.p99Ms < LIMITS.notificationP99Ms,
      webhook: webhook.missing === 0 && webhook.p99Ms < LIMITS.webhookP99Ms,
      week: reads.week.storeWeeks >= LIMITS.storeWeeks && reads.week.p99Ms < LIMITS.weekP99Ms,
    };
    return {
      notification: {
        ...notification,
        of: 'column save (marks of several pupils in one command) sent → each mark’s notification on the topic',
      },
      webhook: {
        ...webhook,
        of: 'column save sent → each mark’s signed webhook request verified',
      },
      week: {
        ...reads.week,
        seeded,
        seedSeconds,
        seededBy: 'insertMany of re-keyed copies of a week the diary projected',
      },
      load: column.load,
      diaryStages: column.diaryStages,
      journalRelay: column.journalRelay,
      singleMark: {
        ...single,
        of: 'the same marks in single-mark commands: the journal’s capacity shows here first',
        met: {
          notification:
            single.notification.missing === 0 &&
            single.notification.p99Ms < LIMITS.notificationP99Ms,
          webhook: single.webhook.missing === 0 && single.webhook.p99Ms < LIMITS.webhookP99Ms,
        },
      },
      limits: { ...LIMITS, ferretFindByIdP99Ms: reads.ferretFindByIdP99Ms },
      met,
      machine: {
        cores: availableParallelism(),
        loadAverageBefore: loadBefore,
        loadAverageAfter: round(loadavg()[0] ?? 0, 2),
      },
      benchSeconds: round((performance.now() - begun) / 1000, 0),
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => log(String(error)));
    await platform.drop();
  }
}
