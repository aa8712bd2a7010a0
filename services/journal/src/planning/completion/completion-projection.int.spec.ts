import { journalStreamId } from '@ejournal/contracts';
import type { EventStore } from '@ejournal/event-store';
import { createTestDatabase, requireInfra, testMongoUrl } from '@ejournal/testing';
import type { Pool } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { REGION } from '../../facts/testing/identity-events';
import { APP_POOL, APP_URL, EVENT_STORE } from '../../infrastructure/tokens';
import {
  READ_MODELS,
  type JournalReadModels,
} from '../../read-models/documents/read-model-schemas';
import { pauseProjection } from '../../read-models/projector/projection-pause';
import { journalTestApp, type JournalTestApp } from '../../testing/journal-test-app';
import { appendCompletionSchool, journalEvents } from '../testing/completion-school';
import { projectPlanningSchool, SCHOOL, YEAR } from '../testing/planning-school';
import { COMPLETION_MODELS, type CompletionModels } from './completion-documents';
import { completionKeeperOf, pauseCompletion, rebuildCompletion } from './completion-rebuild';
import { CompletionQuery, type CompletionRow } from './completion.query';
import { RegionCompletionQuery } from './region-completion.query';
import { figuresOf } from './completion-series';
import { ZERO } from './completion';
import { decodeSeries, encodeSeries } from './series-codec';
import { noSeries as emptyYear } from './completion-keeper';

const noSeries = () => encodeSeries(emptyYear());
/** Only a row's figures. */
const omitRow = (row: CompletionRow) =>
  Object.fromEntries(Object.keys(ZERO).map((key) => [key, row[key as keyof typeof ZERO]]));

const OPTIONS = [
  { upTo: '2026-11-16' },
  { upTo: '2026-09-09' },
  { period: 1, upTo: '2026-12-01' },
  { from: '2026-09-08', upTo: '2026-10-20' },
  { period: 2, upTo: '2027-05-31' },
];

describe('programme completion kept by its projection', () => {
  let journal: JournalTestApp;
  let store: EventStore;
  let models: CompletionModels;
  let journalModels: JournalReadModels;
  let query: CompletionQuery;
  let region: RegionCompletionQuery;

  /** Waits on the condition itself: every journal's document holds its stream's version. */
  async function projected(versions: Record<string, number>, withinMs = 20_000) {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const docs = await Promise.all(
        Object.keys(versions).map((id) => models.journals.findById(id)),
      );
      const school = await models.schools.findById(`${SCHOOL}|${YEAR}`);
      const done = docs.every((doc) => doc && doc.sources.journal === versions[doc._id]);
      if (done && school) return;
      if (Date.now() > deadline) throw new Error('completion not projected in time');
      await sleep(50);
    }
  }

  const everything = async () => ({
    journals: (await models.journals.find({})).sort((a, b) => a._id.localeCompare(b._id)),
    schools: await models.schools.find({}),
  });

  beforeAll(async () => {
    const label = 'journal completion';
    const stores = {
      servers: { ...(await requireInfra()) },
      database: await createTestDatabase(label),
      mongoUrl: testMongoUrl(label).url,
    };
    journal = await journalTestApp(stores, { clock: () => new Date('2026-11-16T09:00:00Z') });
    const { app } = journal;
    await projectPlanningSchool(app.get<Pool>(APP_POOL));
    store = app.get<EventStore>(EVENT_STORE);
    models = app.get<CompletionModels>(COMPLETION_MODELS);
    journalModels = app.get<JournalReadModels>(READ_MODELS);
    query = app.get(CompletionQuery);
    region = app.get(RegionCompletionQuery);
    await appendCompletionSchool(store);
    await projected({ 'math-7a': 9, 'eng-7a': 4, 'math-7b': 2 });
  }, 60_000);
  afterAll(() => journal?.close(), 30_000);

  it('answers the figures computed on the spot, for the year, periods and ranges', async () => {
    for (const options of OPTIONS) {
      const kept = await query.ofSchool(SCHOOL, YEAR, options);
      expect(kept).toEqual(await query.ofSchool(SCHOOL, YEAR, options, true));
    }
    const year = await query.ofSchool(SCHOOL, YEAR, { upTo: '2026-11-16' });
    // Math 7a: 4 held (one without a topic, one with no entry), 3 КТП topics covered.
    expect(year.journals.find((row) => row.id === 'math-7a')).toMatchObject({
      hoursHeld: 4,
      lessonsWithoutTopic: 1,
      lessonsWithoutAttendance: 1,
      topicsCovered: 3,
    });
    expect(year.school).toMatchObject({ hoursHeld: 5 });
    // The kept documents themselves give those figures.
    const range = { startsOn: '2026-09-01', endsOn: '2026-11-16' };
    for (const row of year.journals) {
      const doc = await models.journals.findById(row.id);
      expect(figuresOf(decodeSeries(doc?.series ?? noSeries()), range, 3)).toMatchObject(
        omitRow(row),
      );
    }
    const school = await models.schools.findById(`${SCHOOL}|${YEAR}`);
    expect(figuresOf(decodeSeries(school?.series ?? noSeries()), range, 3)).toEqual(
      omitRow(year.school),
    );
  });

  it('answers the region’s summary from the school document, as the school’s report sums it', async () => {
    for (const options of OPTIONS) {
      const [row] = await region.ofSchools([SCHOOL], [REGION], YEAR, options);
      expect(row).toEqual((await query.ofSchool(SCHOOL, YEAR, options, true)).school);
    }
  });

  it('follows a later lesson, and applying the same changes again changes nothing', async () => {
    const later = journalEvents('math-7b', 'class-7b', 'math', 't-ivanova', [
      { date: '2026-09-04', slot: 1, topic: 'Дроби', entry: 'mark' },
    ]).slice(2);
    await store.append(journalStreamId('math-7b'), 2, later);
    await projected({ 'math-7b': 4 });
    const report = await query.ofSchool(SCHOOL, YEAR, { upTo: '2026-11-16' });
    expect(report.school).toMatchObject({ hoursHeld: 6 });
    const before = await everything();
    const keeper = completionKeeperOf({
      store,
      pool: journal.app.get(APP_POOL),
      models,
      journalModels,
    });
    await keeper.apply({
      journals: new Map([['math-7a', 9]]),
      schools: new Set([`${SCHOOL}|${YEAR}`]),
    });
    expect(await everything()).toEqual(before);
  });

  it('rebuilds the same documents from nothing', async () => {
    const before = await everything();
    const appUrl = journal.app.get<string>(APP_URL);
    const paused = await pauseProjection(appUrl);
    const completion = await pauseCompletion(appUrl);
    try {
      await models.journals.deleteMany({});
      await models.schools.deleteMany({});
      const pool = journal.app.get<Pool>(APP_POOL);
      expect(await rebuildCompletion({ store, pool, models, journalModels })).toEqual({
        journals: 3,
        schools: 1,
      });
    } finally {
      await completion.resume();
      await paused.resume();
    }
    expect(await everything()).toEqual(before);
  });
});
